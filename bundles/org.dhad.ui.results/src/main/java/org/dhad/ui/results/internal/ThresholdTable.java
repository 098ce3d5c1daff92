package org.dhad.ui.results.internal;

import java.util.Locale;
import java.util.function.DoubleConsumer;

import org.dhad.api.metric.OperatingPoint;
import org.dhad.results.RunThresholds;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;

/**
 * The run's decision thresholds ({@code thresholds.json}) per category: for image and pixel scores the F1-optimal
 * one and one per good rate, with what each flags on the test split. <i>Show in Images</i> (or a double click)
 * sets the gallery to the selected threshold: for an image threshold, the images with any red pixel are exactly
 * those it calls defective, the image score being the maximum pixel score.
 */
final class ThresholdTable {

    private final Composite root;
    private final Table table;

    /** @param jump receives the selected threshold */
    ThresholdTable(Composite parent, RunThresholds stored, DoubleConsumer jump) {
        root = new Composite(parent, SWT.NONE);
        root.setLayout(new GridLayout(2, false));
        table = new Table(root, SWT.BORDER | SWT.FULL_SELECTION | SWT.V_SCROLL | SWT.H_SCROLL);
        table.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true, 2, 1));
        table.setHeaderVisible(true);
        table.setLinesVisible(true);
        for (String name : new String[] {"Category", "Score", "Threshold", "Value", "Defective flagged",
                "Good flagged", "F1"}) {
            new TableColumn(table, name.equals("Category") || name.equals("Score") || name.equals("Threshold")
                    ? SWT.LEFT : SWT.RIGHT).setText(name);
        }
        for (RunThresholds.Row row : stored.rows()) {
            if (row.point() == null) {
                new TableItem(table, SWT.NONE).setText(new String[] {row.category(), row.score(), row.rule(), "", "",
                        "", ""});
            } else {
                row(row.category(), row.score(), row.rule(), row.point());
            }
        }
        for (TableColumn c : table.getColumns()) {
            c.pack();
        }
        Label hint = new Label(root, SWT.WRAP);
        hint.setText("A score at or above the threshold is defective; the image score is the maximum pixel score. "
                + "dhad predict --threshold f1 or good-rate:SHARE decides new images with these.");
        hint.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        Button show = new Button(root, SWT.PUSH);
        show.setText("Show in Images");
        show.setToolTipText("Draw the scored test images at the selected threshold");
        Runnable go = () -> {
            TableItem[] selected = table.getSelection();
            if (selected.length == 1 && selected[0].getData() instanceof Double value) {
                jump.accept(value);
            }
        };
        show.addListener(SWT.Selection, e -> go.run());
        table.addListener(SWT.DefaultSelection, e -> go.run());
    }

    private void row(String category, String level, String rule, OperatingPoint p) {
        TableItem item = new TableItem(table, SWT.NONE);
        item.setText(new String[] {category, level, rule, String.format(Locale.ROOT, "%.6g", p.threshold()),
                p.truePositives() + " of " + (p.truePositives() + p.falseNegatives()),
                p.falsePositives() + " of " + (p.falsePositives() + p.trueNegatives()),
                String.format(Locale.ROOT, "%.3f", p.f1())});
        item.setData(p.threshold());
    }

    Control control() {
        return root;
    }

    Table table() {
        return table;
    }
}

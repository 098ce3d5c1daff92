package org.dhad.ui.results.internal;

import java.util.Locale;
import java.util.Map;

import org.dhad.results.RunMetrics;
import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Font;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;

/**
 * A run's metrics per category in percent, metrics in the order the run evaluated them, and a bold mean row;
 * a value's note (why it is n/a, for instance) is its row's tooltip.
 */
final class MetricsTable {

    static final String MEAN = "mean";

    private final Table table;
    private final Font bold;

    MetricsTable(Composite parent, RunMetrics metrics) {
        table = new Table(parent, SWT.BORDER | SWT.FULL_SELECTION | SWT.V_SCROLL | SWT.H_SCROLL);
        table.setHeaderVisible(true);
        table.setLinesVisible(true);
        // the registry owns and disposes the font
        bold = JFaceResources.getFontRegistry().getBold(JFaceResources.DEFAULT_FONT);
        column("Category", SWT.LEFT);
        metrics.metrics().forEach(m -> column(m.displayName() + " %", SWT.RIGHT)
                .setToolTipText(m.id() + (m.higherIsBetter() ? ", higher is better" : ", lower is better")));
        metrics.perCategory().forEach((category, values) -> {
            TableItem item = new TableItem(table, SWT.NONE);
            item.setText(0, category);
            StringBuilder notes = new StringBuilder();
            for (int i = 0; i < metrics.metrics().size(); i++) {
                RunMetrics.Value v = values.get(metrics.metrics().get(i).id());
                item.setText(i + 1, percent(v == null ? Double.NaN : v.value()));
                if (v != null && v.note() != null && !v.note().isBlank()) {
                    notes.append(metrics.metrics().get(i).displayName()).append(": ").append(v.note()).append('\n');
                }
            }
            item.setData("note", notes.toString().strip());
        });
        TableItem mean = new TableItem(table, SWT.NONE);
        mean.setText(0, MEAN);
        mean.setFont(bold);
        Map<String, Double> means = metrics.mean();
        for (int i = 0; i < metrics.metrics().size(); i++) {
            Double v = means.get(metrics.metrics().get(i).id());
            mean.setText(i + 1, percent(v == null ? Double.NaN : v));
        }
        table.addListener(SWT.MouseHover, e -> {
            TableItem item = table.getItem(new org.eclipse.swt.graphics.Point(e.x, e.y));
            Object note = item == null ? null : item.getData("note");
            table.setToolTipText(note instanceof String s && !s.isEmpty() ? s : null);
        });
        for (TableColumn c : table.getColumns()) {
            c.pack();
        }
    }

    Table table() {
        return table;
    }

    private TableColumn column(String title, int align) {
        TableColumn c = new TableColumn(table, align);
        c.setText(title);
        return c;
    }

    /** A fraction in percent with two decimals, {@code n/a} for NaN, as RunComparison writes it. */
    static String percent(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.2f", 100 * v);
    }
}

package org.dhad.ui.internal.run;

import java.util.Locale;
import java.util.Map;

import org.dhad.engine.EvaluationReport;
import org.dhad.engine.MetricColumn;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;

/**
 * The results of an evaluated run: the per-category metrics table with a mean row (values in percent,
 * as {@code dhad evaluate} prints them) and a gallery of heat maps from the run folder.
 */
final class ResultsPanel {

    private final Composite panel;
    private final Label title;
    private final Table table;
    private final HeatmapGallery gallery;
    private EvaluationReport shown;

    ResultsPanel(Composite parent) {
        panel = new Composite(parent, SWT.NONE);
        GridLayoutFactory.fillDefaults().margins(2, 2).applyTo(panel);
        title = new Label(panel, SWT.WRAP);
        title.setText("Results appear here once training and evaluation are done.");
        GridDataFactory.fillDefaults().grab(true, false).applyTo(title);
        table = new Table(panel, SWT.BORDER | SWT.FULL_SELECTION);
        table.setHeaderVisible(true);
        table.setLinesVisible(true);
        GridDataFactory.fillDefaults().grab(true, true).hint(SWT.DEFAULT, 90).applyTo(table);
        gallery = new HeatmapGallery(panel);
        GridDataFactory.fillDefaults().grab(true, true).hint(SWT.DEFAULT, 120).applyTo(gallery.control());
    }

    Composite control() {
        return panel;
    }

    Table table() {
        return table;
    }

    HeatmapGallery gallery() {
        return gallery;
    }

    /** Shows a report (once; later calls with the same report do nothing). */
    void show(EvaluationReport report) {
        if (report == null || report == shown) {
            return;
        }
        shown = report;
        title.setText(String.format(Locale.ROOT, "Metrics in percent over %d test images (%.0f s); heat maps below,"
                + " click one to enlarge", report.images(), report.seconds()));
        for (TableColumn column : table.getColumns()) {
            column.dispose();
        }
        table.removeAll();
        column("Category", "Dataset category");
        for (MetricColumn metric : report.metrics()) {
            column(metric.displayName(), metric.id() + (metric.higherIsBetter() ? " (higher is better)"
                    : " (lower is better)"));
        }
        report.perCategory().forEach((category, values) -> row(report, category, values));
        row(report, "mean", report.mean());
        for (TableColumn column : table.getColumns()) {
            column.pack();
        }
        gallery.show(report.runDir().resolve("heatmaps"));
        panel.layout(true, true);
    }

    private void column(String text, String tooltip) {
        TableColumn column = new TableColumn(table, SWT.LEFT);
        column.setText(text);
        column.setToolTipText(tooltip);
    }

    private void row(EvaluationReport report, String label, Map<String, Double> values) {
        TableItem item = new TableItem(table, SWT.NONE);
        item.setText(0, label);
        int i = 1;
        for (MetricColumn metric : report.metrics()) {
            Double v = values.get(metric.id());
            item.setText(i++, v == null || v.isNaN() ? "n/a" : String.format(Locale.ROOT, "%.2f", 100 * v));
        }
        if (label.equals("mean")) {
            item.setFont(org.eclipse.jface.resource.JFaceResources.getBannerFont());
        }
    }
}

package org.dhad.ui.internal.run;

import java.util.Locale;
import java.util.Map;

import org.dhad.results.RunMetrics;
import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;

/**
 * The short metrics table of an evaluated run ({@code metrics.json}): one row per category and a mean row,
 * values in percent as {@code dhad evaluate} prints them. Curves and images are in the results part.
 */
final class MetricsTable {

    private final Table table;
    private RunMetrics shown;

    MetricsTable(Composite parent) {
        table = new Table(parent, SWT.BORDER | SWT.FULL_SELECTION);
        table.setHeaderVisible(true);
        table.setLinesVisible(true);
        table.setToolTipText("Metrics in percent; Open Results shows curves and the scored test images");
        new TableColumn(table, SWT.LEFT).setText("Metrics");
        new TableItem(table, SWT.NONE).setText("appear here once the run is evaluated");
        table.getColumn(0).pack();
    }

    Table control() {
        return table;
    }

    /** Whether evaluated metrics are shown (not the placeholder). */
    boolean showsMetrics() {
        return shown != null;
    }

    /** Shows {@code metrics} (again only when they changed). */
    void show(RunMetrics metrics) {
        if (metrics == null || metrics.equals(shown)) {
            return;
        }
        shown = metrics;
        for (TableColumn column : table.getColumns()) {
            column.dispose();
        }
        table.removeAll();
        column("Category", "Dataset category");
        for (RunMetrics.Metric metric : metrics.metrics()) {
            column(metric.displayName(), metric.id() + (metric.higherIsBetter() ? " (higher is better)"
                    : " (lower is better)"));
        }
        metrics.perCategory().forEach((category, values) -> row(metrics, category, values, false));
        row(metrics, "mean", Map.of(), true);
        for (TableColumn column : table.getColumns()) {
            column.pack();
        }
    }

    private void column(String text, String tooltip) {
        TableColumn column = new TableColumn(table, SWT.LEFT);
        column.setText(text);
        column.setToolTipText(tooltip);
    }

    private void row(RunMetrics metrics, String label, Map<String, RunMetrics.Value> values, boolean mean) {
        TableItem item = new TableItem(table, SWT.NONE);
        item.setText(0, label);
        int i = 1;
        for (RunMetrics.Metric metric : metrics.metrics()) {
            Double v = mean ? metrics.mean().get(metric.id())
                    : values.containsKey(metric.id()) ? values.get(metric.id()).value() : null;
            item.setText(i++, v == null || v.isNaN() ? "n/a" : String.format(Locale.ROOT, "%.2f", 100 * v));
        }
        if (mean) {
            item.setFont(JFaceResources.getBannerFont());
        }
    }
}

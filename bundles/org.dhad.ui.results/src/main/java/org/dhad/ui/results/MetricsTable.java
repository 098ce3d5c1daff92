package org.dhad.ui.results;

import java.util.Map;

import org.dhad.results.Percent;
import org.dhad.results.RunMetrics;
import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;

/**
 * A run's metrics per category in percent ({@link Percent}), metrics in the order the run evaluated them,
 * and a bold mean row; a value's note (why it is n/a, for instance) is its row's tooltip. The results view and
 * the live run view both show it; until {@link #show} it holds a placeholder row.
 */
public final class MetricsTable {

    /** Label of the last row. */
    public static final String MEAN = "mean";

    private final Table table;
    private final String hint;
    private RunMetrics shown;

    /**
     * @param placeholder the text of the row shown before any metrics
     * @param hint        the tooltip where a row has no note, or {@code null}
     */
    public MetricsTable(Composite parent, String placeholder, String hint) {
        this.hint = hint;
        table = new Table(parent, SWT.BORDER | SWT.FULL_SELECTION | SWT.V_SCROLL | SWT.H_SCROLL);
        table.setHeaderVisible(true);
        table.setLinesVisible(true);
        table.setToolTipText(hint);
        column("Metrics", SWT.LEFT);
        new TableItem(table, SWT.NONE).setText(placeholder);
        table.getColumn(0).pack();
        table.addListener(SWT.MouseHover, e -> {
            TableItem item = table.getItem(new Point(e.x, e.y));
            Object note = item == null ? null : item.getData("note");
            table.setToolTipText(note instanceof String s && !s.isEmpty() ? s : hint);
        });
    }

    public Table table() {
        return table;
    }

    /** Whether metrics are shown (not the placeholder). */
    public boolean showsMetrics() {
        return shown != null;
    }

    /** Shows {@code metrics}; the table is rebuilt only when they differ from those shown. */
    public void show(RunMetrics metrics) {
        if (metrics == null || metrics.equals(shown)) {
            return;
        }
        shown = metrics;
        for (TableColumn c : table.getColumns()) {
            c.dispose();
        }
        table.removeAll();
        column("Category", SWT.LEFT);
        metrics.metrics().forEach(m -> column(m.displayName() + " %", SWT.RIGHT)
                .setToolTipText(m.id() + (m.higherIsBetter() ? ", higher is better" : ", lower is better")));
        metrics.perCategory().forEach((category, values) -> categoryRow(metrics, category, values));
        meanRow(metrics);
        for (TableColumn c : table.getColumns()) {
            c.pack();
        }
    }

    private void categoryRow(RunMetrics metrics, String category, Map<String, RunMetrics.Value> values) {
        TableItem item = new TableItem(table, SWT.NONE);
        item.setText(0, category);
        StringBuilder notes = new StringBuilder();
        for (int i = 0; i < metrics.metrics().size(); i++) {
            RunMetrics.Metric metric = metrics.metrics().get(i);
            RunMetrics.Value v = values.get(metric.id());
            item.setText(i + 1, Percent.of(v == null ? null : v.value()));
            if (v != null && v.note() != null && !v.note().isBlank()) {
                notes.append(metric.displayName()).append(": ").append(v.note()).append('\n');
            }
        }
        item.setData("note", notes.toString().strip());
    }

    private void meanRow(RunMetrics metrics) {
        TableItem mean = new TableItem(table, SWT.NONE);
        mean.setText(0, MEAN);
        // the registry owns and disposes the font
        mean.setFont(JFaceResources.getFontRegistry().getBold(JFaceResources.DEFAULT_FONT));
        for (int i = 0; i < metrics.metrics().size(); i++) {
            mean.setText(i + 1, Percent.of(metrics.mean().get(metrics.metrics().get(i).id())));
        }
    }

    private TableColumn column(String title, int align) {
        TableColumn c = new TableColumn(table, align);
        c.setText(title);
        return c;
    }
}

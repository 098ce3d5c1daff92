package org.dhad.ui.results.internal;

import java.util.List;
import java.util.function.IntConsumer;

import org.dhad.results.RunComparison;
import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Font;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;

/**
 * The cells of a {@link RunComparison} in a table, the best value of each metric in bold; a setting shown by
 * its file name has its whole path as tooltip.
 */
final class ComparisonTable {

    /** Widest a configuration column starts (the loss description can be long). */
    private static final int MAX_CONFIGURATION_WIDTH = 260;

    private static final String OPEN_TIP = "Double-click a run to open its results";

    private final Table table;
    private final Font bold;
    private RunComparison comparison;

    ComparisonTable(Composite parent, IntConsumer open) {
        table = new Table(parent, SWT.BORDER | SWT.FULL_SELECTION | SWT.V_SCROLL | SWT.H_SCROLL);
        table.setHeaderVisible(true);
        table.setLinesVisible(true);
        // the registry owns and disposes the font
        bold = JFaceResources.getFontRegistry().getBold(JFaceResources.DEFAULT_FONT);
        table.addListener(SWT.DefaultSelection, e -> open.accept(table.getSelectionIndex()));
        table.setToolTipText(OPEN_TIP);
        // an SWT table has one tooltip, not one per cell: it follows the cell under the pointer
        table.addListener(SWT.MouseMove, e -> hover(new Point(e.x, e.y)));
    }

    private void hover(Point at) {
        String tip = OPEN_TIP;
        TableItem item = comparison == null ? null : table.getItem(at);
        if (item != null) {
            for (int c = 0; c < table.getColumnCount(); c++) {
                String full = item.getBounds(c).contains(at) ? comparison.fullText(table.indexOf(item), c) : null;
                if (full != null) {
                    tip = full;
                }
            }
        }
        if (!tip.equals(table.getToolTipText())) {
            table.setToolTipText(tip);
        }
    }

    void show(RunComparison comparison) {
        this.comparison = comparison;
        table.setRedraw(false);
        try {
            table.removeAll();
            for (TableColumn c : table.getColumns()) {
                c.dispose();
            }
            List<String> header = comparison.header();
            int first = comparison.configurationColumns().size();
            for (int i = 0; i < header.size(); i++) {
                TableColumn c = new TableColumn(table, i < first ? SWT.LEFT : SWT.RIGHT);
                c.setText(header.get(i));
                if (i >= first) {
                    c.setToolTipText(comparison.metrics().get(i - first).higherIsBetter() ? "higher is better"
                            : "lower is better");
                }
            }
            List<List<String>> rows = comparison.rows();
            int[] best = comparison.metrics().stream().mapToInt(m -> comparison.best(m.id())).toArray();
            for (int r = 0; r < rows.size(); r++) {
                TableItem item = new TableItem(table, SWT.NONE);
                item.setText(rows.get(r).toArray(String[]::new));
                for (int m = 0; m < comparison.metrics().size(); m++) {
                    if (best[m] == r) {
                        item.setFont(first + m, bold);
                    }
                }
            }
            TableColumn[] columns = table.getColumns();
            for (int i = 0; i < columns.length; i++) {
                columns[i].pack();
                if (i < first && columns[i].getWidth() > MAX_CONFIGURATION_WIDTH) {
                    columns[i].setWidth(MAX_CONFIGURATION_WIDTH);
                    columns[i].setToolTipText("Widen the column to read it all");
                }
            }
            table.setColumnOrder(paperOrder(first, header.size()));
        } finally {
            table.setRedraw(true);
        }
    }

    /**
     * Run, freeze and patches, then the metrics, then the rest of the configuration (with the settings that differ
     * between the runs after the backbone): the paper's Table I reads that way, and the metrics stay in view
     * beside a long loss description.
     */
    private static int[] paperOrder(int first, int columns) {
        int leading = Math.min(3, first);
        int[] order = new int[columns];
        int k = 0;
        for (int i = 0; i < leading; i++) {
            order[k++] = i;
        }
        for (int i = first; i < columns; i++) {
            order[k++] = i;
        }
        for (int i = leading; i < first; i++) {
            order[k++] = i;
        }
        return order;
    }

    Table table() {
        return table;
    }

    /** Whether the cell is drawn bold. */
    boolean isBold(int row, int column) {
        return table.getItem(row).getFont(column) == bold;
    }
}

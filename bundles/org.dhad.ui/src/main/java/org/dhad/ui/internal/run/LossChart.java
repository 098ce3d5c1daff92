package org.dhad.ui.internal.run;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Composite;

/**
 * A line chart of the session's loss series against the global step, drawn with GC: axes with min/max
 * ticks, one coloured line per loss term, the total in black, and a legend. Redrawn on demand.
 */
final class LossChart {

    private static final RGB[] PALETTE = { new RGB(31, 119, 180), new RGB(255, 127, 14), new RGB(44, 160, 44),
            new RGB(214, 39, 40), new RGB(148, 103, 189), new RGB(140, 86, 75), new RGB(227, 119, 194) };
    private static final int MARGIN_LEFT = 60;
    private static final int MARGIN_BOTTOM = 40;
    private static final int MARGIN = 12;

    private final Canvas canvas;
    private final RunSession session;

    LossChart(Composite parent, RunSession session) {
        this.session = session;
        canvas = new Canvas(parent, SWT.DOUBLE_BUFFERED);
        canvas.setBackground(parent.getDisplay().getSystemColor(SWT.COLOR_WHITE));
        canvas.addPaintListener(e -> paint(e.gc, canvas.getClientArea()));
    }

    Canvas control() {
        return canvas;
    }

    void redraw() {
        canvas.redraw();
    }

    /** Points drawn so far, over all series. */
    int pointCount() {
        return session.series().values().stream().mapToInt(List::size).sum();
    }

    private void paint(GC gc, Rectangle area) {
        gc.setAntialias(SWT.ON);
        Map<String, List<double[]>> series = session.series();
        double minX = Double.POSITIVE_INFINITY, maxX = Double.NEGATIVE_INFINITY;
        double minY = Double.POSITIVE_INFINITY, maxY = Double.NEGATIVE_INFINITY;
        for (List<double[]> points : series.values()) {
            for (double[] p : points) {
                if (Double.isFinite(p[1])) {
                    minX = Math.min(minX, p[0]);
                    maxX = Math.max(maxX, p[0]);
                    minY = Math.min(minY, p[1]);
                    maxY = Math.max(maxY, p[1]);
                }
            }
        }
        Rectangle plot = new Rectangle(area.x + MARGIN_LEFT, area.y + MARGIN, area.width - MARGIN_LEFT - MARGIN,
                area.height - MARGIN - MARGIN_BOTTOM);
        if (plot.width < 20 || plot.height < 20) {
            return;
        }
        gc.setForeground(canvas.getDisplay().getSystemColor(SWT.COLOR_DARK_GRAY));
        gc.drawRectangle(plot);
        if (minX > maxX) {
            gc.drawText("Waiting for the first training step...", plot.x + 10, plot.y + 10, true);
            return;
        }
        if (maxX == minX) {
            maxX = minX + 1;
        }
        if (maxY - minY < 1e-9) {
            maxY = minY + 1e-3;
        }
        axes(gc, plot, minX, maxX, minY, maxY);
        int index = 0;
        int legendY = plot.y + 6;
        for (Map.Entry<String, List<double[]>> entry : series.entrySet()) {
            boolean total = entry.getKey().equals(RunSession.TOTAL);
            Color color = total ? canvas.getDisplay().getSystemColor(SWT.COLOR_BLACK)
                    : new Color(PALETTE[index++ % PALETTE.length]);
            gc.setForeground(color);
            gc.setLineWidth(total ? 2 : 1);
            gc.drawPolyline(polyline(entry.getValue(), plot, minX, maxX, minY, maxY));
            // Legend in the top-right corner of the plot.
            Point size = gc.textExtent(entry.getKey());
            int x = plot.x + plot.width - size.x - 34;
            gc.drawLine(x, legendY + size.y / 2, x + 22, legendY + size.y / 2);
            gc.drawText(entry.getKey(), x + 26, legendY, true);
            legendY += size.y + 2;
        }
        gc.setLineWidth(1);
    }

    private void axes(GC gc, Rectangle plot, double minX, double maxX, double minY, double maxY) {
        gc.setForeground(canvas.getDisplay().getSystemColor(SWT.COLOR_DARK_GRAY));
        int ticks = 4;
        for (int i = 0; i <= ticks; i++) {
            double y = minY + (maxY - minY) * i / ticks;
            int py = plot.y + plot.height - (int) Math.round(plot.height * (double) i / ticks);
            String label = String.format(Locale.ROOT, Math.abs(y) >= 100 ? "%.0f" : "%.3f", y);
            Point size = gc.textExtent(label);
            gc.drawText(label, plot.x - size.x - 6, py - size.y / 2, true);
            gc.drawLine(plot.x - 3, py, plot.x, py);
            double x = minX + (maxX - minX) * i / ticks;
            int px = plot.x + (int) Math.round(plot.width * (double) i / ticks);
            String step = Long.toString(Math.round(x));
            size = gc.textExtent(step);
            gc.drawText(step, px - size.x / 2, plot.y + plot.height + 4, true);
            gc.drawLine(px, plot.y + plot.height, px, plot.y + plot.height + 3);
        }
        String caption = "step";
        Point size = gc.textExtent(caption);
        gc.drawText(caption, plot.x + plot.width - size.x, plot.y + plot.height + 4 + size.y, true);
    }

    private static int[] polyline(List<double[]> points, Rectangle plot, double minX, double maxX, double minY,
            double maxY) {
        int[] xy = new int[points.size() * 2];
        int n = 0;
        for (double[] p : points) {
            if (!Double.isFinite(p[1])) {
                continue;
            }
            xy[n++] = plot.x + (int) Math.round((p[0] - minX) / (maxX - minX) * plot.width);
            xy[n++] = plot.y + plot.height - (int) Math.round((p[1] - minY) / (maxY - minY) * plot.height);
        }
        return java.util.Arrays.copyOf(xy, n);
    }
}

package org.dhad.ui.results;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.ImageDataProvider;
import org.eclipse.swt.graphics.PaletteData;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Composite;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.event.ChartChangeListener;

/**
 * An SWT control showing a {@link JFreeChart}. JFreeChart draws with Java2D, so the chart is rendered into an
 * image at the zoom SWT asks for (200 % on a high-DPI screen) and drawn at its size in points: text and lines
 * stay sharp. A change to the chart repaints the control, from any thread.
 */
public final class ChartCanvas extends Canvas {

    private final ChartChangeListener repaint = event -> requestRedraw();
    private JFreeChart chart;
    private Image image;
    private Point imageSize;
    private volatile boolean redrawPending;

    public ChartCanvas(Composite parent, int style) {
        super(parent, style | SWT.DOUBLE_BUFFERED | SWT.NO_BACKGROUND);
        addPaintListener(e -> {
            Point size = getSize();
            if (chart == null || size.x <= 0 || size.y <= 0) {
                e.gc.fillRectangle(0, 0, size.x, size.y);
                return;
            }
            if (image == null || !size.equals(imageSize)) {
                disposeImage();
                JFreeChart shown = chart;
                int width = size.x;
                int height = size.y;
                image = new Image(getDisplay(), (ImageDataProvider) zoom -> imageData(render(shown, width, height,
                        zoom / 100.0)));
                imageSize = size;
            }
            e.gc.drawImage(image, 0, 0);
        });
        addListener(SWT.Resize, e -> invalidate());
        addListener(SWT.Dispose, e -> {
            setChart(null);
            disposeImage();
        });
    }

    /** Shows {@code newChart} (null: nothing) and follows its changes. */
    public void setChart(JFreeChart newChart) {
        checkWidget();
        if (chart != null) {
            chart.removeChangeListener(repaint);
        }
        chart = newChart;
        if (chart != null) {
            chart.addChangeListener(repaint);
        }
        invalidate();
    }

    public JFreeChart getChart() {
        checkWidget();
        return chart;
    }

    /** Renders the chart at {@code scale} × its size in points; public for tests and image export. */
    public static BufferedImage render(JFreeChart chart, int width, int height, double scale) {
        BufferedImage out = new BufferedImage(Math.max(1, (int) Math.round(width * scale)),
                Math.max(1, (int) Math.round(height * scale)), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.scale(scale, scale);
            chart.draw(g, new Rectangle2D.Double(0, 0, width, height));
        } finally {
            g.dispose();
        }
        return out;
    }

    private static ImageData imageData(BufferedImage rendered) {
        int w = rendered.getWidth();
        int h = rendered.getHeight();
        ImageData data = new ImageData(w, h, 32, new PaletteData(0xFF0000, 0xFF00, 0xFF));
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            rendered.getRGB(0, y, w, 1, row, 0, w);
            for (int x = 0; x < w; x++) {
                row[x] &= 0xFFFFFF;
            }
            data.setPixels(0, y, w, row, 0);
        }
        return data;
    }

    private void invalidate() {
        disposeImage();
        if (!isDisposed()) {
            redraw();
        }
    }

    private void requestRedraw() {
        if (redrawPending || isDisposed()) {
            return;
        }
        redrawPending = true;
        getDisplay().asyncExec(() -> {
            redrawPending = false;
            if (!isDisposed()) {
                invalidate();
            }
        });
    }

    private void disposeImage() {
        if (image != null) {
            image.dispose();
            image = null;
        }
    }
}

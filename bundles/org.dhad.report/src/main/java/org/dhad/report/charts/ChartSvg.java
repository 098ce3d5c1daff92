package org.dhad.report.charts;

import java.awt.Rectangle;

import org.jfree.chart.JFreeChart;
import org.jfree.svg.SVGGraphics2D;

/** Draws a chart as an SVG element, for pages that must carry their charts inline. */
public final class ChartSvg {

    private ChartSvg() {
    }

    /**
     * The chart drawn at {@code width} × {@code height} as an {@code <svg>} element (no XML prolog), with a
     * viewBox so the page can scale it. Text stays text, so legends can be searched and read by screen readers.
     */
    public static String toSvg(JFreeChart chart, int width, int height) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("Chart size " + width + "x" + height + "; expected positive pixels");
        }
        SVGGraphics2D g = new SVGGraphics2D(width, height);
        // clip-path ids must be unique when several charts share one page
        g.setDefsKeyPrefix("c" + Integer.toHexString(System.identityHashCode(g)) + Long.toHexString(System.nanoTime()));
        // two decimals of a pixel are invisible; the default full precision makes a 2,000-point series twice as big
        g.setGeomDoubleConverter(ChartSvg::twoDecimals);
        chart.draw(g, new Rectangle(0, 0, width, height));
        return g.getSVGElement(null, true, new org.jfree.svg.ViewBox(0, 0, width, height), null, null);
    }

    private static String twoDecimals(double v) {
        if (!Double.isFinite(v)) {
            return "0";
        }
        double rounded = Math.round(v * 100) / 100.0;
        return rounded == Math.rint(rounded) ? Long.toString((long) rounded) : Double.toString(rounded);
    }
}

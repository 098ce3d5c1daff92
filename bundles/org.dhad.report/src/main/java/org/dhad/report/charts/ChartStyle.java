package org.dhad.report.charts;

import java.awt.BasicStroke;
import java.awt.Color;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** The look every chart shares (colours, background, legend, line drawing) and thinned series. */
final class ChartStyle {

    /** Tableau 10: distinct for the common colour-vision deficiencies and in grey print. */
    private static final Color[] PALETTE = { new Color(0x4E79A7), new Color(0xF28E2B), new Color(0xE15759),
        new Color(0x76B7B2), new Color(0x59A14F), new Color(0xEDC948), new Color(0xB07AA1), new Color(0xFF9DA7),
        new Color(0x9C755F), new Color(0xBAB0AC) };

    private ChartStyle() {
    }

    /** The palette, then hues a golden angle apart, so 15 MVTec categories still differ. */
    static Color colour(int index) {
        return index < PALETTE.length ? PALETTE[index]
                : Color.getHSBColor((float) ((index * 0.618034) % 1), 0.7f, 0.75f);
    }

    /** A series of the points {@link SeriesThinning} keeps, in the given order (x may repeat). */
    static XYSeries series(String key, double[] x, double[] y) {
        XYSeries series = new XYSeries(key, false, true);
        // NaN: a loss term that does not apply to that step's batch (segmentation-ce on anomaly batches); left
        // out before thinning, so the term's points join into one line
        int[] present = java.util.stream.IntStream.range(0, y.length).filter(i -> !Double.isNaN(y[i])).toArray();
        if (present.length < y.length) {
            double[] px = new double[present.length];
            double[] py = new double[present.length];
            for (int k = 0; k < present.length; k++) {
                px[k] = x[present[k]];
                py[k] = y[present[k]];
            }
            return series(key, px, py);
        }
        for (int i : SeriesThinning.keep(x, y, RunCharts.MAX_POINTS)) {
            series.add(x[i], y[i], false);
        }
        return series;
    }

    /**
     * Lines without point markers, each series drawn as one path: one SVG element per series instead of one per
     * segment (a 2,000-point ROC curve: 28 kB instead of 450 kB) and joins without gaps.
     */
    static XYLineAndShapeRenderer lines() {
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
        renderer.setDrawSeriesLineAsPath(true);
        return renderer;
    }

    /** A line chart with the report's look: white, light grid, legend below, palette colours. */
    static JFreeChart lineChart(String title, String xLabel, String yLabel, XYSeriesCollection data) {
        NumberAxis x = new NumberAxis(xLabel);
        x.setAutoRangeIncludesZero(false);
        NumberAxis y = new NumberAxis(yLabel);
        y.setAutoRangeIncludesZero(false);
        XYLineAndShapeRenderer renderer = lines();
        for (int i = 0; i < data.getSeriesCount(); i++) {
            renderer.setSeriesPaint(i, colour(i));
            renderer.setSeriesStroke(i, new BasicStroke(1.6f));
        }
        XYPlot plot = new XYPlot(data, x, y, renderer);
        plot.setOrientation(PlotOrientation.VERTICAL);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(0xDDDDDD));
        plot.setRangeGridlinePaint(new Color(0xDDDDDD));
        plot.setOutlinePaint(Color.GRAY);
        JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT.deriveFont(14f), plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        // room on the right for the last tick label of the x axis (1.00 on ROC and PR charts)
        chart.setPadding(new RectangleInsets(4, 4, 4, 14));
        LegendTitle legend = chart.getLegend();
        legend.setPosition(RectangleEdge.BOTTOM);
        legend.setBackgroundPaint(Color.WHITE);
        return chart;
    }
}

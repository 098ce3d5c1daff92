package org.dhad.report.charts;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.dhad.api.metric.Curve;
import org.dhad.results.ResultsException;
import org.dhad.results.RunFolder;
import org.dhad.results.RunMetrics;
import org.dhad.results.TrainingHistory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Chart factories for runs: the training log against global step and the metric curves of one run's
 * categories or of several runs on one category. Every series is thinned to at most {@value #MAX_POINTS}
 * points ({@link SeriesThinning}); charts have a white background, distinct colours, a legend below and axis
 * names from the data. Charts are plain {@link JFreeChart}s: draw them into any {@code Graphics2D}.
 */
public final class RunCharts {

    /** Most points a series of these charts has. */
    public static final int MAX_POINTS = 2000;

    /** Legend text of the ROC chart's chance diagonal. */
    public static final String CHANCE = "chance";

    /** Tableau 10: distinct for the common colour-vision deficiencies and in grey print. */
    private static final Color[] PALETTE = { new Color(0x4E79A7), new Color(0xF28E2B), new Color(0xE15759),
        new Color(0x76B7B2), new Color(0x59A14F), new Color(0xEDC948), new Color(0xB07AA1), new Color(0xFF9DA7),
        new Color(0x9C755F), new Color(0xBAB0AC) };

    private RunCharts() {
    }

    /** Each loss term (unweighted) and the weighted total against global step. */
    public static JFreeChart trainingLoss(TrainingHistory history) {
        XYSeriesCollection data = new XYSeriesCollection();
        double[] steps = steps(history);
        for (String term : history.termIds()) {
            data.addSeries(series(term, steps, history.term(term)));
        }
        data.addSeries(series("total (weighted)", steps, history.total()));
        JFreeChart chart = lineChart("Training loss", "global step", "loss", data);
        // the total is what the optimiser sees: draw it darker and thicker than the terms
        XYLineAndShapeRenderer renderer = (XYLineAndShapeRenderer) chart.getXYPlot().getRenderer();
        int total = data.getSeriesCount() - 1;
        renderer.setSeriesPaint(total, Color.DARK_GRAY);
        renderer.setSeriesStroke(total, new BasicStroke(2.2f));
        if (history.size() == 0) {
            chart.addSubtitle(new TextTitle("no training step logged yet"));
        }
        return chart;
    }

    /** The learning rate against global step. */
    public static JFreeChart learningRate(TrainingHistory history) {
        XYSeriesCollection data = new XYSeriesCollection(series("learning rate", steps(history),
                history.learningRate()));
        JFreeChart chart = lineChart("Learning rate", "global step", "learning rate", data);
        ((NumberAxis) chart.getXYPlot().getRangeAxis()).setAutoRangeIncludesZero(true);
        return chart;
    }

    /** Images per second (left axis) and the time each step waited for data (right axis). */
    public static JFreeChart throughput(TrainingHistory history) {
        double[] steps = steps(history);
        JFreeChart chart = lineChart("Throughput", "global step", "images/s",
                new XYSeriesCollection(series("images/s", steps, history.imagesPerSecond())));
        XYPlot plot = chart.getXYPlot();
        NumberAxis wait = new NumberAxis("data wait (ms)");
        wait.setAutoRangeIncludesZero(true);
        plot.setRangeAxis(1, wait);
        plot.setDataset(1, new XYSeriesCollection(series("data wait (ms)", steps, history.dataWaitMillis())));
        plot.mapDatasetToRangeAxis(1, 1);
        XYLineAndShapeRenderer waitRenderer = new XYLineAndShapeRenderer(true, false);
        waitRenderer.setSeriesPaint(0, colour(1));
        waitRenderer.setSeriesStroke(0, new BasicStroke(1.2f));
        plot.setRenderer(1, waitRenderer);
        ((NumberAxis) plot.getRangeAxis()).setAutoRangeIncludesZero(true);
        return chart;
    }

    /**
     * One series per curve, axes named after the first curve's labels. ROC curves (FPR against TPR) get the
     * chance diagonal; ROC, PR and PRO charts show both axes over [0, 1].
     */
    public static JFreeChart curves(String title, List<LabelledCurve> curves) {
        XYSeriesCollection data = new XYSeriesCollection();
        Set<String> keys = new HashSet<>();
        for (LabelledCurve c : curves) {
            data.addSeries(series(unique(c.label(), keys), c.curve().x(), c.curve().y()));
        }
        Curve first = curves.isEmpty() ? null : curves.get(0).curve();
        String xLabel = first == null ? "x" : first.xLabel();
        String yLabel = first == null ? "y" : first.yLabel();
        JFreeChart chart = lineChart(title, xLabel, yLabel, data);
        XYPlot plot = chart.getXYPlot();
        if (isRoc(xLabel, yLabel)) {
            XYSeries chance = new XYSeries(unique(CHANCE, keys), false, true);
            chance.add(0, 0);
            chance.add(1, 1);
            plot.setDataset(1, new XYSeriesCollection(chance));
            XYLineAndShapeRenderer diagonal = new XYLineAndShapeRenderer(true, false);
            diagonal.setSeriesPaint(0, Color.GRAY);
            diagonal.setSeriesStroke(0, new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                    new float[] { 5f, 4f }, 0f));
            plot.setRenderer(1, diagonal);
        }
        if (isUnitSquare(xLabel, yLabel)) {
            plot.getDomainAxis().setRange(0, 1);
            plot.getRangeAxis().setRange(0, 1);
        }
        if (curves.isEmpty()) {
            chart.addSubtitle(new TextTitle("no curve to show"));
        }
        return chart;
    }

    /**
     * The curve of {@code metricId} on {@code category} for each run that has one, a series per run named by
     * its label. Runs not evaluated, without that curve, or whose metrics cannot be read are named in a
     * subtitle instead.
     */
    public static JFreeChart runCurves(List<RunFolder> runs, String metricId, String category) {
        List<LabelledCurve> curves = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        String name = metricId;
        for (RunFolder run : runs) {
            Optional<RunMetrics> metrics = readMetrics(run);
            Optional<Curve> curve = metrics.flatMap(m -> m.curve(category, metricId));
            if (curve.isPresent()) {
                curves.add(new LabelledCurve(run.label(), curve.get()));
                name = metrics.get().metric(metricId).map(RunMetrics.Metric::displayName).orElse(name);
            } else {
                missing.add(run.label());
            }
        }
        JFreeChart chart = curves(name + " - " + category, curves);
        if (!missing.isEmpty()) {
            chart.addSubtitle(new TextTitle("no curve: " + String.join(", ", missing)));
        }
        return chart;
    }

    /** The curve of {@code metricId} on each category of {@code run} that has one, a series per category. */
    public static JFreeChart categoryCurves(RunFolder run, String metricId) {
        List<LabelledCurve> curves = new ArrayList<>();
        Optional<RunMetrics> metrics = readMetrics(run);
        String name = metricId;
        if (metrics.isPresent()) {
            RunMetrics m = metrics.get();
            name = m.metric(metricId).map(RunMetrics.Metric::displayName).orElse(name);
            for (String category : m.perCategory().keySet()) {
                m.curve(category, metricId).ifPresent(c -> curves.add(new LabelledCurve(category, c)));
            }
        }
        return curves(name + " - " + run.label(), curves);
    }

    private static Optional<RunMetrics> readMetrics(RunFolder run) {
        try {
            return run.metrics();
        } catch (ResultsException e) {
            // a chart shows what can be read; the report and views name the damaged file themselves
            return Optional.empty();
        }
    }

    private static boolean isRoc(String xLabel, String yLabel) {
        return "FPR".equalsIgnoreCase(xLabel) && "TPR".equalsIgnoreCase(yLabel);
    }

    private static boolean isUnitSquare(String xLabel, String yLabel) {
        String y = yLabel.toUpperCase(Locale.ROOT);
        return isRoc(xLabel, yLabel) || y.equals("PRECISION") || y.equals("PRO");
    }

    private static String unique(String label, Set<String> taken) {
        String key = label;
        for (int i = 2; !taken.add(key); i++) {
            key = label + " (" + i + ")";
        }
        return key;
    }

    /** The palette, then hues a golden angle apart, so 15 MVTec categories still differ. */
    static Color colour(int index) {
        return index < PALETTE.length ? PALETTE[index]
                : Color.getHSBColor((float) ((index * 0.618034) % 1), 0.7f, 0.75f);
    }

    private static double[] steps(TrainingHistory history) {
        long[] steps = history.globalStep();
        double[] out = new double[steps.length];
        for (int i = 0; i < steps.length; i++) {
            out[i] = steps[i];
        }
        return out;
    }

    /** A series of the points {@link SeriesThinning} keeps, in the given order (x may repeat). */
    static XYSeries series(String key, double[] x, double[] y) {
        XYSeries series = new XYSeries(key, false, true);
        for (int i : SeriesThinning.keep(x, y, MAX_POINTS)) {
            series.add(x[i], y[i], false);
        }
        return series;
    }

    private static JFreeChart lineChart(String title, String xLabel, String yLabel, XYSeriesCollection data) {
        NumberAxis x = new NumberAxis(xLabel);
        x.setAutoRangeIncludesZero(false);
        NumberAxis y = new NumberAxis(yLabel);
        y.setAutoRangeIncludesZero(false);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
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
        LegendTitle legend = chart.getLegend();
        legend.setPosition(RectangleEdge.BOTTOM);
        legend.setBackgroundPaint(Color.WHITE);
        return chart;
    }
}

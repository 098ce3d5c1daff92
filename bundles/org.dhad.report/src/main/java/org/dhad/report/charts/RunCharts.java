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
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
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

    private RunCharts() {
    }

    /**
     * Each loss term (unweighted) and the weighted total against global step. A term far larger than all the
     * others (the outlier energy, in the thousands beside posteriors below one) gets its own axis on the right,
     * so the others do not flatten to a line at zero.
     */
    public static JFreeChart trainingLoss(TrainingHistory history) {
        return TrainingCharts.trainingLoss(history);
    }

    /** The learning rate against global step. */
    public static JFreeChart learningRate(TrainingHistory history) {
        return TrainingCharts.learningRate(history);
    }

    /** Images per second (left axis) and the time each step waited for data (right axis). */
    public static JFreeChart throughput(TrainingHistory history) {
        return TrainingCharts.throughput(history);
    }

    /**
     * One series per curve, axes named after the first curve's labels. ROC curves (FPR against TPR) get the
     * chance diagonal; ROC, PR and PRO charts show both axes over [0, 1].
     */
    public static JFreeChart curves(String title, List<LabelledCurve> curves) {
        XYSeriesCollection data = new XYSeriesCollection();
        Set<String> keys = new HashSet<>();
        for (LabelledCurve c : curves) {
            data.addSeries(ChartStyle.series(unique(c.label(), keys), c.curve().x(), c.curve().y()));
        }
        Curve first = curves.isEmpty() ? null : curves.get(0).curve();
        String xLabel = first == null ? "x" : first.xLabel();
        String yLabel = first == null ? "y" : first.yLabel();
        JFreeChart chart = ChartStyle.lineChart(title, xLabel, yLabel, data);
        XYPlot plot = chart.getXYPlot();
        if (isRoc(xLabel, yLabel)) {
            XYSeries chance = new XYSeries(unique(CHANCE, keys), false, true);
            chance.add(0, 0);
            chance.add(1, 1);
            plot.setDataset(1, new XYSeriesCollection(chance));
            XYLineAndShapeRenderer diagonal = ChartStyle.lines();
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
}

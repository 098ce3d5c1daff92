package org.dhad.report.charts;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.List;

import org.dhad.results.TrainingHistory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.xy.XYSeriesCollection;

/** The training log's charts, against global step; {@link RunCharts} is their public face. */
final class TrainingCharts {

    /** Series this many times larger than the others get their own axis. */
    static final double OWN_AXIS_RATIO = 20;

    private TrainingCharts() {
    }

    /** Name of the weighted total's series. */
    static final String TOTAL = "total (weighted)";

    /**
     * Each loss term (unweighted) and the weighted total against global step. When some series are far larger
     * than the rest (the outlier energy in the thousands beside posteriors below one), the large ones get an
     * axis on the right, so the small ones do not flatten to a line at zero.
     */
    static JFreeChart trainingLoss(TrainingHistory history) {
        double[] steps = steps(history);
        List<String> keys = new ArrayList<>(history.termIds());
        keys.add(TOTAL);
        List<double[]> values = new ArrayList<>();
        history.termIds().forEach(t -> values.add(history.term(t)));
        values.add(history.total());
        boolean[] large = largeSeries(values);
        XYSeriesCollection left = new XYSeriesCollection();
        XYSeriesCollection right = new XYSeriesCollection();
        XYLineAndShapeRenderer leftLines = ChartStyle.lines();
        XYLineAndShapeRenderer rightLines = ChartStyle.lines();
        for (int k = 0; k < keys.size(); k++) {
            XYSeriesCollection data = large[k] ? right : left;
            XYLineAndShapeRenderer lines = large[k] ? rightLines : leftLines;
            int index = data.getSeriesCount();
            data.addSeries(ChartStyle.series(keys.get(k), steps, values.get(k)));
            boolean total = k == keys.size() - 1;
            // the total is what the optimiser sees: darker and thicker than the terms; a term keeps its colour
            lines.setSeriesPaint(index, total ? Color.DARK_GRAY : ChartStyle.colour(k));
            lines.setSeriesStroke(index, new BasicStroke(total ? 2.2f : 1.6f));
        }
        JFreeChart chart = ChartStyle.lineChart("Training loss", "global step", "loss", left);
        XYPlot plot = chart.getXYPlot();
        plot.setRenderer(0, leftLines);
        if (right.getSeriesCount() > 0) {
            List<String> names = new ArrayList<>();
            for (int i = 0; i < right.getSeriesCount(); i++) {
                names.add(String.valueOf(right.getSeriesKey(i)));
            }
            NumberAxis axis = new NumberAxis(String.join(", ", names));
            axis.setAutoRangeIncludesZero(false);
            plot.setRangeAxis(1, axis);
            plot.setDataset(1, right);
            plot.mapDatasetToRangeAxis(1, 1);
            plot.setRenderer(1, rightLines);
        }
        if (history.size() == 0) {
            chart.addSubtitle(new TextTitle("no training step logged yet"));
        }
        return chart;
    }

    /**
     * Which series are large: those above the widest gap between the sorted magnitudes (largest absolute
     * finite value), when that gap is a factor of more than {@value #OWN_AXIS_RATIO}; none otherwise.
     */
    static boolean[] largeSeries(List<double[]> values) {
        int n = values.size();
        double[] magnitude = values.stream().mapToDouble(TrainingCharts::magnitude).toArray();
        double[] sorted = magnitude.clone();
        java.util.Arrays.sort(sorted);
        double threshold = Double.POSITIVE_INFINITY;
        double widest = OWN_AXIS_RATIO;
        for (int i = 1; i < n; i++) {
            // a series of zeros (nothing logged yet) is no reason for a second axis
            if (sorted[i - 1] > 0 && sorted[i] / sorted[i - 1] > widest) {
                widest = sorted[i] / sorted[i - 1];
                threshold = sorted[i];
            }
        }
        boolean[] large = new boolean[n];
        for (int i = 0; i < n; i++) {
            large[i] = magnitude[i] >= threshold;
        }
        return large;
    }

    private static double magnitude(double[] values) {
        double max = 0;
        for (double v : values) {
            max = Double.isFinite(v) ? Math.max(max, Math.abs(v)) : max;
        }
        return max;
    }

    /** The learning rate against global step. */
    static JFreeChart learningRate(TrainingHistory history) {
        XYSeriesCollection data = new XYSeriesCollection(ChartStyle.series("learning rate", steps(history),
                history.learningRate()));
        JFreeChart chart = ChartStyle.lineChart("Learning rate", "global step", "learning rate", data);
        ((NumberAxis) chart.getXYPlot().getRangeAxis()).setAutoRangeIncludesZero(true);
        return chart;
    }

    /** Images per second (left axis) and the time each step waited for data (right axis). */
    static JFreeChart throughput(TrainingHistory history) {
        double[] steps = steps(history);
        JFreeChart chart = ChartStyle.lineChart("Throughput", "global step", "images/s",
                new XYSeriesCollection(ChartStyle.series("images/s", steps, history.imagesPerSecond())));
        XYPlot plot = chart.getXYPlot();
        NumberAxis wait = new NumberAxis("data wait (ms)");
        wait.setAutoRangeIncludesZero(true);
        plot.setRangeAxis(1, wait);
        plot.setDataset(1, new XYSeriesCollection(ChartStyle.series("data wait (ms)", steps, history.dataWaitMillis())));
        plot.mapDatasetToRangeAxis(1, 1);
        XYLineAndShapeRenderer waitRenderer = ChartStyle.lines();
        waitRenderer.setSeriesPaint(0, ChartStyle.colour(1));
        waitRenderer.setSeriesStroke(0, new BasicStroke(1.2f));
        plot.setRenderer(1, waitRenderer);
        ((NumberAxis) plot.getRangeAxis()).setAutoRangeIncludesZero(true);
        return chart;
    }

    private static double[] steps(TrainingHistory history) {
        long[] steps = history.globalStep();
        double[] out = new double[steps.length];
        for (int i = 0; i < steps.length; i++) {
            out[i] = steps[i];
        }
        return out;
    }
}

package org.dhad.engine.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.dhad.api.metric.EvaluationData;
import org.dhad.api.metric.Metric;
import org.dhad.api.metric.MetricException;
import org.dhad.api.metric.MetricResult;
import org.dhad.api.metric.ThresholdSelection;
import org.dhad.engine.EngineException;
import org.dhad.engine.EvaluationReport;
import org.dhad.engine.MetricColumn;
import org.dhad.results.RunThresholds;

/**
 * Metrics per category (pixels pooled), their mean over categories and {@code metrics.json}, and the decision
 * thresholds chosen on the same data ({@code thresholds.json}): the one way both {@code dhad evaluate} and the
 * evaluation of external maps report results.
 */
final class MetricTable {

    private final List<Metric> metrics;
    private final List<MetricColumn> columns;
    private final Map<String, List<MetricResult>> results = new LinkedHashMap<>();
    private final Map<String, Map<String, Double>> values = new LinkedHashMap<>();
    private final ThresholdSelection selection;
    private final List<Double> goodRates;
    private final Map<String, ThresholdSelection.Thresholds> thresholds = new LinkedHashMap<>();
    private int images;

    /**
     * @param metrics   the metrics, in the order of the table's columns
     * @param selection chooses the thresholds from the same data
     * @param goodRates the shares of good items a good-rate threshold is chosen for
     */
    MetricTable(List<Metric> metrics, ThresholdSelection selection, List<Double> goodRates) {
        this.metrics = List.copyOf(metrics);
        this.selection = selection;
        this.goodRates = List.copyOf(goodRates);
        this.columns = metrics.stream().map(m -> new MetricColumn(m.id(), m.displayName(), m.higherIsBetter()))
                .toList();
    }

    /**
     * Computes every metric on one category's maps; categories keep the order they are added in.
     *
     * @throws EngineException naming the metric and category when a metric fails
     */
    void add(EvaluationData data) throws EngineException {
        List<MetricResult> categoryResults = new ArrayList<>();
        Map<String, Double> categoryValues = new LinkedHashMap<>();
        for (Metric metric : metrics) {
            MetricResult result = compute(metric, data);
            categoryResults.add(result);
            categoryValues.put(metric.id(), result.value());
        }
        try {
            // After the metrics: the pixel ranking they built is shared through the data, not sorted again.
            thresholds.put(data.category(), selection.select(data, goodRates));
        } catch (MetricException | RuntimeException e) {
            throw new EngineException("Choosing the thresholds of category '" + data.category() + "': "
                    + e.getMessage(), e);
        }
        results.put(data.category(), categoryResults);
        values.put(data.category(), categoryValues);
        images += data.maps().size();
    }

    /**
     * Writes {@code metrics.json} and {@code thresholds.json} into {@code dir} and returns the report.
     *
     * @param dir        where {@code metrics.json} goes; also the report's folder
     * @param run        what was evaluated (the run folder, or the maps folder), as recorded in the file
     * @param checkpoint the checkpoint scored, or empty for maps made elsewhere
     * @param score      the score kind, as recorded in the file
     * @param seconds    wall time of the whole evaluation
     */
    EvaluationReport finish(Path dir, String run, String checkpoint, String score, double seconds)
            throws IOException {
        Map<String, Double> mean = mean();
        MetricsJson.write(dir, run, checkpoint, score, columns, results, mean, images);
        new RunThresholds(goodRates, thresholds).write(dir, run);
        return new EvaluationReport(dir, columns, values, mean, images, seconds);
    }

    private static MetricResult compute(Metric metric, EvaluationData data) throws EngineException {
        try {
            return metric.compute(data);
        } catch (MetricException | RuntimeException e) {
            throw new EngineException("Metric '" + metric.id() + "' on category '" + data.category() + "': "
                    + e.getMessage(), e);
        }
    }

    /** The mean over categories with a finite value; NaN when there is none. */
    private Map<String, Double> mean() {
        Map<String, Double> mean = new LinkedHashMap<>();
        for (MetricColumn column : columns) {
            mean.put(column.id(), values.values().stream().map(v -> v.get(column.id()))
                    .filter(v -> v != null && Double.isFinite(v)).mapToDouble(Double::doubleValue).average()
                    .orElse(Double.NaN));
        }
        return mean;
    }
}

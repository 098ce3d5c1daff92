package org.dhad.engine.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.dhad.api.metric.MetricResult;
import org.dhad.engine.MetricColumn;
import org.dhad.results.RunMetrics;

/**
 * {@code metrics.json} in the format {@link RunMetrics} defines and writes: the metrics, the value, note and curve
 * per category, and the mean.
 */
final class MetricsJson {

    static final String FILE = RunMetrics.FILE;

    private MetricsJson() {
    }

    /** Writes {@value #FILE} into {@code dir}; {@code run} names what was evaluated. */
    static void write(Path dir, String run, String checkpoint, String score, List<MetricColumn> metrics,
            Map<String, List<MetricResult>> results, Map<String, Double> mean, int images) throws IOException {
        Map<String, Map<String, RunMetrics.Value>> categories = new LinkedHashMap<>();
        results.forEach((category, list) -> {
            Map<String, RunMetrics.Value> values = new LinkedHashMap<>();
            list.forEach(r -> values.put(r.metricId(), new RunMetrics.Value(r.value(), r.note(),
                    r.curve().orElse(null))));
            categories.put(category, values);
        });
        List<RunMetrics.Metric> columns = metrics.stream()
                .map(m -> new RunMetrics.Metric(m.id(), m.displayName(), m.higherIsBetter())).toList();
        new RunMetrics(score, checkpoint, columns, categories, mean, images).write(dir, run);
    }
}

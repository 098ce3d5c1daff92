package org.dhad.engine;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.dhad.results.Percent;

/**
 * Metric values of one evaluated run (or folder of maps), per category and as the mean over categories.
 *
 * @param runDir      the folder holding {@code metrics.json}: the run folder (with {@code heatmaps/}), or the
 *                    output folder of {@link MapEvaluationService#evaluate}
 * @param metrics     the metrics, in experiment order
 * @param perCategory category to metric id to value, in dataset order
 * @param mean        metric id to mean over the categories with a finite value
 * @param images      test images scored
 * @param seconds     wall time of the evaluation
 */
public record EvaluationReport(Path runDir, List<MetricColumn> metrics, Map<String, Map<String, Double>> perCategory,
        Map<String, Double> mean, int images, double seconds) {

    public EvaluationReport {
        metrics = List.copyOf(metrics);
        Map<String, Map<String, Double>> copy = new LinkedHashMap<>();
        perCategory.forEach((k, v) -> copy.put(k, Collections.unmodifiableMap(new LinkedHashMap<>(v))));
        perCategory = Collections.unmodifiableMap(copy);
        mean = Collections.unmodifiableMap(new LinkedHashMap<>(mean));
    }

    /** A plain-text table: one row per category and a mean row, values in percent. */
    public String table() {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%-20s", "category"));
        metrics.forEach(m -> out.append(String.format(Locale.ROOT, " %12s", m.id())));
        out.append('\n');
        perCategory.forEach((category, values) -> row(out, category, values));
        row(out, "mean", mean);
        return out.toString();
    }

    private void row(StringBuilder out, String label, Map<String, Double> values) {
        out.append(String.format(Locale.ROOT, "%-20s", label));
        for (MetricColumn m : metrics) {
            out.append(String.format(Locale.ROOT, " %12s", Percent.of(values.get(m.id()))));
        }
        out.append('\n');
    }
}

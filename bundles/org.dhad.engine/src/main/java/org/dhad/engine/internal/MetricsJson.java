package org.dhad.engine.internal;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.google.gson.GsonBuilder;

import org.dhad.api.metric.Curve;
import org.dhad.api.metric.MetricResult;
import org.dhad.engine.MetricColumn;
import org.dhad.results.RunMetrics;

/** {@code metrics.json}: the metrics, the value, note and curve per category, and the mean. */
final class MetricsJson {

    static final String FILE = RunMetrics.FILE;

    /** One value as stored. */
    private record Entry(double value, String note, Curve curve) {
    }

    /** The whole file. */
    private record Document(String run, String checkpoint, String score, List<MetricColumn> metrics,
            Map<String, Map<String, Entry>> categories, Map<String, Double> mean, int images) {
    }

    private MetricsJson() {
    }

    /** Writes {@value #FILE} into {@code dir}; {@code run} names what was evaluated. */
    static void write(Path dir, String run, String checkpoint, String score, List<MetricColumn> metrics,
            Map<String, List<MetricResult>> results, Map<String, Double> mean, int images) throws IOException {
        Map<String, Map<String, Entry>> categories = new LinkedHashMap<>();
        results.forEach((category, list) -> {
            Map<String, Entry> entries = new LinkedHashMap<>();
            list.forEach(r -> entries.put(r.metricId(), new Entry(r.value(), r.note(), r.curve().orElse(null))));
            categories.put(category, entries);
        });
        Document document = new Document(run, checkpoint, score, metrics, categories, mean, images);
        try (Writer out = Files.newBufferedWriter(Files.createDirectories(dir).resolve(FILE), StandardCharsets.UTF_8)) {
            new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues().create().toJson(document, out);
        }
    }
}

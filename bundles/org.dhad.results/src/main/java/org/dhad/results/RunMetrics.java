package org.dhad.results;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import com.google.gson.TypeAdapter;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.JsonWriter;

import org.dhad.api.metric.Curve;

/**
 * What evaluation measured ({@code metrics.json}): each metric per category, with its curve where the metric
 * has one, and the mean over categories.
 *
 * @param score       the anomaly score evaluated ({@code HYBRID}, ...)
 * @param checkpoint  the checkpoint evaluated
 * @param metrics     the metrics, in experiment order
 * @param perCategory category to metric id to value, in dataset order
 * @param mean        metric id to mean over categories
 * @param images      test images scored
 */
public record RunMetrics(String score, String checkpoint, List<Metric> metrics,
        Map<String, Map<String, Value>> perCategory, Map<String, Double> mean, int images) {

    /** The file's name in a run folder. */
    public static final String FILE = "metrics.json";

    /** One metric's column. */
    public record Metric(String id, String displayName, boolean higherIsBetter) {
    }

    /** One metric on one category; {@code curve} is null for metrics without one. */
    public record Value(double value, String note, Curve curve) {

        public Optional<Curve> optionalCurve() {
            return Optional.ofNullable(curve);
        }
    }

    /** The file as written by the engine. */
    private record Document(String run, String checkpoint, String score, List<Metric> metrics,
            Map<String, Map<String, Value>> categories, Map<String, Double> mean, int images) {
    }

    public RunMetrics {
        metrics = List.copyOf(metrics);
        Map<String, Map<String, Value>> copy = new LinkedHashMap<>();
        perCategory.forEach((k, v) -> copy.put(k, Collections.unmodifiableMap(new LinkedHashMap<>(v))));
        perCategory = Collections.unmodifiableMap(copy);
        mean = Collections.unmodifiableMap(new LinkedHashMap<>(mean));
    }

    /**
     * The one number format of {@value #FILE}: an undefined value (NaN, e.g. AUROC of a category without
     * defective pixels) is {@code null}, which strict JSON readers accept, with the reason in its {@code note};
     * infinities, which no metric gives, would be refused.
     */
    static final Gson GSON = new GsonBuilder().setPrettyPrinting().serializeNulls()
            .registerTypeAdapter(Double.class, new UndefinedAsNull()).registerTypeAdapter(double.class, new UndefinedAsNull())
            .create();

    /** Writes this as {@value #FILE} into {@code dir}; {@code run} names what was evaluated. */
    public void write(Path dir, String run) throws IOException {
        Document document = new Document(run, checkpoint, score, metrics, perCategory, mean, images);
        try (Writer out = Files.newBufferedWriter(Files.createDirectories(dir).resolve(FILE), StandardCharsets.UTF_8)) {
            GSON.toJson(document, out);
        }
    }

    /** Reads {@code file}; {@code null} values (and the bare {@code NaN} of files written before) read as NaN. */
    public static RunMetrics read(Path file) throws ResultsException {
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            JsonReader reader = new JsonReader(in);
            reader.setLenient(true); // earlier files hold bare NaN
            Document d = GSON.fromJson(reader, Document.class);
            if (d == null || d.metrics() == null || d.categories() == null || d.mean() == null) {
                throw new ResultsException(file + ": expected the fields metrics, categories and mean of a "
                        + "metrics file written by dhad evaluate");
            }
            return new RunMetrics(d.score(), d.checkpoint(), d.metrics(), d.categories(), d.mean(), d.images());
        } catch (IOException e) {
            throw new ResultsException(file, "cannot be read: " + e.getMessage(), e);
        } catch (JsonParseException | IllegalArgumentException e) {
            throw new ResultsException(file, "is not a valid metrics file: " + e.getMessage(), e);
        }
    }

    /** NaN as {@code null} and back. */
    private static final class UndefinedAsNull extends TypeAdapter<Double> {
        @Override
        public void write(JsonWriter out, Double value) throws IOException {
            if (value == null || value.isNaN()) {
                out.nullValue();
            } else {
                out.value(value.doubleValue());
            }
        }

        @Override
        public Double read(JsonReader in) throws IOException {
            if (in.peek() == JsonToken.NULL) {
                in.nextNull();
                return Double.NaN;
            }
            return in.nextDouble();
        }
    }

    /** The metric with {@code id}, if evaluated. */
    public Optional<Metric> metric(String id) {
        return metrics.stream().filter(m -> m.id().equals(id)).findFirst();
    }

    /** The curve of {@code metricId} on {@code category}, if that metric has one. */
    public Optional<Curve> curve(String category, String metricId) {
        Map<String, Value> values = perCategory.get(category);
        Value v = values == null ? null : values.get(metricId);
        return v == null ? Optional.empty() : v.optionalCurve();
    }

    /** Metric ids that have a curve on at least one category (ROC, PR, PRO...), in metric order. */
    public List<String> metricsWithCurves() {
        return metrics.stream().map(Metric::id)
                .filter(id -> perCategory.values().stream().anyMatch(v -> v.containsKey(id) && v.get(id).curve() != null))
                .toList();
    }
}

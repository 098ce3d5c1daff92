package org.dhad.results;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.google.gson.JsonParseException;

import org.dhad.api.metric.OperatingPoint;
import org.dhad.api.metric.ScoreThresholds;
import org.dhad.api.metric.ThresholdSelection.Thresholds;

/**
 * The decision thresholds evaluation chose on the test split ({@value #FILE}), per category: for image scores
 * and for pixel scores, the F1-optimal threshold and one per share of good test items that may be flagged,
 * each with its confusion counts on the test split. The one owner of the file's format; the engine writes it
 * through {@link #write}, {@code dhad predict}, the report and the workbench read it.
 *
 * @param goodRates   the shares of good items a threshold was chosen for, in the order asked
 * @param perCategory category to its thresholds, in dataset order
 */
public record RunThresholds(List<Double> goodRates, Map<String, Thresholds> perCategory) {

    /** The file's name in a run folder. */
    public static final String FILE = "thresholds.json";

    /** The share of good test images a good-rate threshold flags unless asked otherwise (1 %). */
    public static final double DEFAULT_GOOD_RATE = 0.01;

    /** What an image's score is, as the file states it. */
    static final String IMAGE_SCORE = "the maximum of the image's pixel scores";

    /** The file as written. */
    private record Document(String run, String imageScore, String rule, List<Double> goodRates,
            Map<String, Thresholds> categories) {
    }

    public RunThresholds {
        goodRates = List.copyOf(goodRates);
        perCategory = Collections.unmodifiableMap(new LinkedHashMap<>(perCategory));
    }

    /**
     * One line of a thresholds table: a threshold with what it flags, or (with a null point) why a kind of score
     * has a threshold missing.
     *
     * @param category the category
     * @param score    {@code image} or {@code pixel}
     * @param rule     {@code f1} or {@code good-rate:R} as {@code dhad predict --threshold} takes it; the note when
     *                 {@code point} is null
     * @param point    the threshold and its counts on the test split, or null
     */
    public record Row(String category, String score, String rule, OperatingPoint point) {
    }

    /**
     * The rows every thresholds table shows (the CLI after evaluation, the report, the workbench): per category,
     * image then pixel scores, the F1 threshold, then one per good rate, then a note where one is missing.
     */
    public List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        perCategory.forEach((category, t) -> {
            rows(rows, category, "image", t.image());
            rows(rows, category, "pixel", t.pixel());
        });
        return rows;
    }

    private void rows(List<Row> rows, String category, String score, ScoreThresholds t) {
        t.f1().ifPresent(p -> rows.add(new Row(category, score, "f1", p)));
        for (double rate : goodRates) {
            t.goodRate(rate).ifPresent(p -> rows.add(new Row(category, score, "good-rate:" + rate, p)));
        }
        if (!t.note().isEmpty()) {
            rows.add(new Row(category, score, t.note(), null));
        }
    }

    /** The thresholds of {@code category}, if it was evaluated. */
    public Optional<Thresholds> category(String category) {
        return Optional.ofNullable(perCategory.get(category));
    }

    /** Writes this as {@value #FILE} into {@code dir}; {@code run} names what was evaluated. */
    public void write(Path dir, String run) throws IOException {
        Document document = new Document(run, IMAGE_SCORE, "score >= threshold is anomalous", goodRates, perCategory);
        try (Writer out = Files.newBufferedWriter(Files.createDirectories(dir).resolve(FILE), StandardCharsets.UTF_8)) {
            RunMetrics.GSON.toJson(document, out);
        }
    }

    /** Reads {@code file}; {@code null} numbers read as NaN. */
    public static RunThresholds read(Path file) throws ResultsException {
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            Document d = RunMetrics.GSON.fromJson(in, Document.class);
            if (d == null || d.goodRates() == null || d.categories() == null) {
                throw new ResultsException(file + ": expected the fields goodRates and categories of a thresholds "
                        + "file written by dhad evaluate");
            }
            d.categories().forEach((category, t) -> {
                if (t == null || t.image() == null || t.pixel() == null) {
                    throw new JsonParseException("category '" + category + "' lacks its image or pixel thresholds");
                }
            });
            return new RunThresholds(d.goodRates(), d.categories());
        } catch (IOException e) {
            throw new ResultsException(file, "cannot be read: " + e.getMessage(), e);
        } catch (JsonParseException | IllegalArgumentException | NullPointerException e) {
            throw new ResultsException(file, "is not a valid thresholds file: " + e.getMessage(), e);
        }
    }
}

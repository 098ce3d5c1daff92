package org.dhad.engine;

import java.nio.file.Path;
import java.util.List;

import org.dhad.results.DecisionThresholds;

/**
 * What {@link EvaluationService#predict} did.
 *
 * @param outDir      the output folder, holding {@code predictions.csv} and {@code predictions.json}
 * @param thresholds  the thresholds that decided, or null when the run has none (heat maps and scores only)
 * @param predictions one per image read, in input order
 * @param skipped     one line per file that could not be read: the file and why
 * @param seconds     wall time
 */
public record PredictionReport(Path outDir, DecisionThresholds thresholds, List<Prediction> predictions,
        List<String> skipped, double seconds) {

    /** The table's file name in {@link #outDir()}. */
    public static final String CSV = "predictions.csv";
    /** The same rows, with the thresholds and skipped files, as JSON. */
    public static final String JSON = "predictions.json";

    public PredictionReport {
        predictions = List.copyOf(predictions);
        skipped = List.copyOf(skipped);
    }

    /** Images with the verdict {@code defective}. */
    public long defective() {
        return predictions.stream().filter(p -> Prediction.DEFECTIVE.equals(p.verdict())).count();
    }
}

package org.dhad.engine;

import java.nio.file.Path;
import java.util.List;

import org.dhad.experiment.ComputeDevice;
import org.dhad.results.RunThresholds;
import org.dhad.results.ThresholdChoice;

/** Scores test images with a trained run, measures the scores against ground truth, and decides new images. */
public interface EvaluationService {

    /**
     * Scores every test image of the run's categories with the run's last checkpoint, computes the
     * experiment's metrics per category and their mean, chooses the decision thresholds, and writes
     * {@code metrics.json}, {@code thresholds.json} and heat maps ({@code heatmaps/<category>/<defect>/<name>.png})
     * into the run folder.
     *
     * @param goodRates the shares of good test images (and pixels) for which a good-rate threshold is chosen
     * @param device    where the network scores, or null for the device of the run's experiment
     * @throws EngineException naming the device asked for and the devices there are, before anything is read; or
     *                         when the run folder, its checkpoint or the dataset cannot be used
     */
    EvaluationReport evaluate(Path runDir, List<Double> goodRates, ComputeDevice device, RunListener listener)
            throws EngineException;

    /** {@link #evaluate(Path, List, ComputeDevice, RunListener)} on the device of the run's experiment. */
    default EvaluationReport evaluate(Path runDir, List<Double> goodRates, RunListener listener)
            throws EngineException {
        return evaluate(runDir, goodRates, null, listener);
    }

    /** {@link #evaluate(Path, List, ComputeDevice, RunListener)} with the default good rate (1 %). */
    default EvaluationReport evaluate(Path runDir, RunListener listener) throws EngineException {
        return evaluate(runDir, List.of(RunThresholds.DEFAULT_GOOD_RATE), null, listener);
    }

    /**
     * Decides each image with the run's thresholds: writes its heat map, defect mask and overlay into
     * {@code outDir} ({@code heatmaps/}, {@code masks/}, {@code overlays/}, each {@code <name>.png}) and one row per
     * image into {@code predictions.csv} and {@code predictions.json}. Folders among {@code inputs} are walked
     * recursively (an image's name is its path inside the folder); a file that cannot be read is reported to the
     * listener and in the report, and skipped. A run without {@code thresholds.json} (evaluated by an earlier
     * version, or not at all) gets heat maps and image scores only, unless {@code choice} is a value.
     *
     * @param category the category whose thresholds decide, or null for the run's only category
     * @param device   where the network scores, or null for the device of the run's experiment
     * @throws EngineException naming the device asked for and the devices there are, before anything is read; or
     *                         naming the run file, input or category that cannot be used
     */
    PredictionReport predict(Path runDir, List<Path> inputs, Path outDir, String category, ThresholdChoice choice,
            ComputeDevice device, RunListener listener) throws EngineException;

    /** {@link #predict(Path, List, Path, String, ThresholdChoice, ComputeDevice, RunListener)} on the run's device. */
    default PredictionReport predict(Path runDir, List<Path> inputs, Path outDir, String category,
            ThresholdChoice choice, RunListener listener) throws EngineException {
        return predict(runDir, inputs, outDir, category, choice, null, listener);
    }

    /**
     * Opens a trained run to decide images in memory, batch after batch ({@code dhad serve}); the caller closes it.
     * Rows and images are those {@link #predict} writes for the same image.
     *
     * @param choice   which stored thresholds decide (null: {@link ThresholdChoice#F1})
     * @param listener told of problems that do not stop the run (a gallery that cannot be read), or null
     * @throws EngineException naming the run file that cannot be used
     */
    Inspector inspector(Path runDir, ThresholdChoice choice, RunListener listener) throws EngineException;
}

package org.dhad.engine;

import java.nio.file.Path;
import java.util.List;

/** Scores test images with a trained run and measures the scores against ground truth. */
public interface EvaluationService {

    /**
     * Scores every test image of the run's categories with the run's last checkpoint, computes the
     * experiment's metrics per category and their mean, and writes {@code metrics.json} and heat maps
     * ({@code heatmaps/<category>/<defect>/<name>.png}) into the run folder.
     *
     * @throws EngineException when the run folder, its checkpoint or the dataset cannot be used
     */
    EvaluationReport evaluate(Path runDir, RunListener listener) throws EngineException;

    /**
     * Writes a heat map PNG per image into {@code outDir} (same file name, {@code .png}).
     *
     * @return the files written, in the order of {@code images}
     * @throws EngineException naming the image or run file that cannot be read
     */
    List<Path> predict(Path runDir, List<Path> images, Path outDir) throws EngineException;
}

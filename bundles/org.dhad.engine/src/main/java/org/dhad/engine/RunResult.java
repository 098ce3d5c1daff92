package org.dhad.engine;

import java.nio.file.Path;

/**
 * How a training run ended.
 *
 * @param runDir          the run folder
 * @param epochsCompleted epochs fully done
 * @param stepsCompleted  steps done over the whole run (including those before a resume)
 * @param canceled        whether the listener canceled it (a checkpoint was written; {@code resume} continues)
 * @param lastLoss        total loss of the last step, NaN when no step ran
 * @param skippedSamples  training samples skipped because they could not be read
 * @param dataWaitSeconds time the training thread waited for data in this session
 * @param seconds         wall time of this session
 */
public record RunResult(Path runDir, int epochsCompleted, long stepsCompleted, boolean canceled, double lastLoss,
        int skippedSamples, double dataWaitSeconds, double seconds) {
}

package org.dhad.engine;

/**
 * Follows a training or evaluation run: progress for bars and charts, messages, and cancellation.
 * Called on the thread that runs the training; implementations must return quickly.
 */
public interface RunListener {

    /** A listener that ignores everything and never cancels. */
    RunListener NONE = new RunListener() {
    };

    /** Once the run folder exists, before the first step: views can follow its files from then on. */
    default void onRunFolder(java.nio.file.Path runDir) {
    }

    /** After evaluation has scored every test image of one category. */
    default void onCategoryScored(String category, int images) {
    }

    /** During prediction, after each batch: images decided (or skipped) so far of {@code total}. */
    default void onImagesScored(int done, int total, java.time.Duration eta) {
    }

    /** After every training step. */
    default void onStep(StepReport report) {
    }

    /** After every epoch, once its checkpoint is written. */
    default void onEpochEnd(EpochReport report) {
    }

    /** A line for the user: run folder, skipped sample, evaluation progress. */
    default void onMessage(String message) {
    }

    /**
     * Polled between steps (and between evaluated images); {@code true} makes training write a checkpoint
     * and return with {@link RunResult#canceled()} set, and evaluation stop with an exception.
     */
    default boolean isCanceled() {
        return false;
    }
}

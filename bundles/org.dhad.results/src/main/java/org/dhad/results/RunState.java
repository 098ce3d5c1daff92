package org.dhad.results;

/** How far a run folder has come. */
public enum RunState {
    /** The experiment is written, no training step is logged yet. */
    CREATED,
    /** Training steps were logged within the last {@link RunFolder#ACTIVE_SECONDS} seconds. */
    TRAINING,
    /** Training stopped before its last epoch (canceled or crashed); {@code dhad resume} continues it. */
    STOPPED,
    /** Every epoch is trained and checkpointed, nothing evaluated yet. */
    TRAINED,
    /** {@code metrics.json} is written. */
    EVALUATED
}

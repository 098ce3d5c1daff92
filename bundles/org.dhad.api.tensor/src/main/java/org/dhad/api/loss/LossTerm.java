package org.dhad.api.loss;

import ai.djl.ndarray.NDArray;

import org.dhad.api.Provider;

/**
 * One term of the training loss. The experiment lists terms with weights; the total loss is their
 * weighted sum. Terms must be differentiable in the network outputs and return 0 (not NaN) when the
 * pixels they average over are absent from the batch.
 */
public interface LossTerm extends Provider {

    /**
     * Computes the unweighted term.
     *
     * @return a scalar array in the inputs' manager
     */
    NDArray evaluate(LossInputs inputs);

    /** Whether the term needs {@link LossInputs#classLabels()}; experiments without them reject it. */
    default boolean needsClassLabels() {
        return false;
    }
}

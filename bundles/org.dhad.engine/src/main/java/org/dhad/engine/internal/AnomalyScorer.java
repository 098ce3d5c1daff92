package org.dhad.engine.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;

import org.dhad.api.backbone.HybridNetwork;
import org.dhad.api.loss.LogSpace;
import org.dhad.experiment.ScoreKind;

/**
 * Per-pixel anomaly scores of a trained network in inference mode: s(x) = ln P(d_out|x) − ln p̂(x) =
 * logsigmoid(g) − logsumexp_c s_c ({@link ScoreKind#HYBRID}), or one of its two parts. Both come from
 * {@link LogSpace}, as in the loss terms: the score reads the ln p̂(x) that training lowered on outliers.
 */
final class AnomalyScorer {

    private final HybridNetwork network;
    private final NDManager manager;
    private final ScoreKind kind;

    /**
     * @param network a network with loaded, frozen parameters
     * @param manager parent of the per-batch managers
     */
    AnomalyScorer(HybridNetwork network, NDManager manager, ScoreKind kind) {
        this.network = network;
        this.manager = manager;
        this.kind = kind;
    }

    /**
     * Scores {@code count} CHW images of {@code size x size}.
     *
     * @return {@code count*size*size} scores, row-major per image
     */
    float[] score(float[] images, int count, int size) {
        try (NDManager batch = manager.newSubManager()) {
            NDArray input = batch.create(images, new Shape(count, 3, size, size));
            NDList outputs = network.block().forward(new ParameterStore(batch, false), new NDList(input), false);
            return score(outputs.get(0), outputs.get(1).squeeze(1)).toFloatArray();
        }
    }

    /** Scores from class logits {@code [N,C,H,W]} and outlier logits {@code [N,H,W]}. */
    NDArray score(NDArray classLogits, NDArray outlierLogits) {
        return switch (kind) {
            case HYBRID -> LogSpace.logSigmoid(outlierLogits).sub(LogSpace.logDensity(classLogits));
            case ENERGY -> LogSpace.logDensity(classLogits).neg();
            case POSTERIOR -> LogSpace.logSigmoid(outlierLogits);
        };
    }
}

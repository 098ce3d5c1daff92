package org.dhad.api.loss;

import ai.djl.ndarray.NDArray;

/**
 * What a {@link LossTerm} sees of one training batch.
 *
 * @param classLogits   {@code [N,C,H,W]} class logits s(x); ln p̂(x) is their logsumexp over C
 * @param outlierLogits {@code [N,H,W]} logit g(x) of P(d_out | x)
 * @param outlierLabels {@code [N,H,W]} 1 for pasted (outlier) pixels, 0 for inlier pixels, as float
 * @param classLabels   {@code [N,H,W]} class indices with -1 for ignored pixels, or {@code null} when the
 *                      data has no class labels
 */
public record LossInputs(NDArray classLogits, NDArray outlierLogits, NDArray outlierLabels, NDArray classLabels) {
}

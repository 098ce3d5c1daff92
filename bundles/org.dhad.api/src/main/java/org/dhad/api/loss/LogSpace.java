package org.dhad.api.loss;

import ai.djl.ndarray.NDArray;

/**
 * The log-space quantities of the hybrid network's outputs, ln P(d_out|x) = ln σ(g) and
 * ln p̂(x) = logsumexp_c s_c(x). One definition for the loss terms and the anomaly scorer: the score
 * must rank pixels by the same ln p̂ that training pushed down. Results are created in the manager of
 * the argument and are differentiable through DJL autograd.
 */
public final class LogSpace {

    private LogSpace() {
    }

    /**
     * ln σ(x) = min(x, 0) − ln(1 + e^{−|x|}), finite for any finite x. min(x, 0) is written as
     * (x − |x|)/2 so that the gradient at x = 0 is exactly σ(0) = 0.5 (|x|' is 0 there), where a
     * minimum or clamp would hand the tie's gradient to one side.
     */
    public static NDArray logSigmoid(NDArray x) {
        NDArray abs = x.abs();
        return x.sub(abs).div(2).sub(abs.neg().exp().add(1).log());
    }

    /**
     * ln p̂(x) = ln Σ_c e^{s_c} over axis 1 of {@code [N,C,H,W]} class logits, giving {@code [N,H,W]}.
     * The shift by the per-pixel maximum keeps every exponent ≤ 0; it is detached because the exact
     * gradient (softmax) does not depend on it, and detaching changes no value.
     */
    public static NDArray logDensity(NDArray classLogits) {
        NDArray shift = classLogits.max(new int[] {1}, true).stopGradient();
        return classLogits.sub(shift).exp().sum(new int[] {1}).log().add(shift.squeeze(1));
    }
}

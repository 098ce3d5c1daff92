package org.dhad.api.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;

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
     * ln σ(x) = −softplus(−x), with libtorch's stable softplus: finite for any finite x, and its
     * gradient σ(−x) is exactly 0.5 at x = 0.
     * <p>
     * Built from array operations only, never arithmetic with a Java number such as {@code div(2)}: DJL
     * makes such a number a tensor over a Java direct buffer and frees it on return, while autograd keeps
     * it for the backward pass, which then reads freed memory (gradients that change from process to
     * process, sometimes NaN). The same holds for every function on the training path.
     */
    public static NDArray logSigmoid(NDArray x) {
        return Activation.softPlus(x.neg()).neg();
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

package org.dhad.engine.internal;

import java.util.concurrent.atomic.AtomicInteger;

import org.dhad.api.loss.LossInputs;
import org.dhad.api.loss.LossTerm;

import ai.djl.ndarray.NDArray;

/** A loss term that is 0 until its {@code fromCall}-th evaluation and {@code value} (NaN, ∞) from then on. */
final class DivergingTerm implements LossTerm {

    private final String id;
    private final int fromCall;
    private final float value;
    private final AtomicInteger calls = new AtomicInteger();

    DivergingTerm(String id, int fromCall, float value) {
        this.id = id;
        this.fromCall = fromCall;
        this.value = value;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String displayName() {
        return "Diverges at call " + fromCall;
    }

    @Override
    public String description() {
        return "Diverges on purpose.";
    }

    @Override
    public NDArray evaluate(LossInputs inputs) {
        NDArray zero = inputs.outlierLogits().mean().mul(0);
        return calls.incrementAndGet() >= fromCall ? zero.add(value) : zero;
    }
}

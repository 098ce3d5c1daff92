package org.dhad.backbone.deeplabv3.internal;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Dropout (ASPP's projection) that a frozen context module holds off: under freeze ALL the trainable heads see the
 * frozen ASPP's output as at inference, as with PyTorch's {@code eval()} on the frozen modules, instead of half of
 * it zeroed at random. Stores as DJL's {@link Dropout} (encoding version 2, no parameters), so checkpoints written
 * with that block load unchanged.
 */
final class FreezableDropout extends AbstractBlock implements Freezable {

    /** DJL's {@link Dropout} encoding version. */
    private static final byte VERSION = 2;

    private final float rate;
    private volatile boolean inference;

    FreezableDropout(float rate) {
        super(VERSION);
        this.rate = rate;
    }

    @Override
    public void setInference(boolean inference) {
        this.inference = inference;
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        return Dropout.dropout(inputs.singletonOrThrow(), rate, training && !inference);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }
}

package org.dhad.backbone.deeplabv3.internal;

import java.util.function.UnaryOperator;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * A parameterless block that keeps the shape of its input. DJL's {@code LambdaBlock} finds its output
 * shape by running the function on zeros; for ReLU the shape is known.
 */
final class Elementwise extends AbstractBlock {

    private static final byte VERSION = 1;

    private final UnaryOperator<NDArray> function;

    private Elementwise(UnaryOperator<NDArray> function) {
        super(VERSION);
        this.function = function;
    }

    /** A ReLU block. */
    static Elementwise relu() {
        return new Elementwise(Activation::relu);
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        return new NDList(function.apply(inputs.singletonOrThrow()));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }
}

package org.dhad.backbone.deeplabv3.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Named branches applied to the same input, outputs concatenated along the channel axis: the
 * {@code convs} list of torchvision's ASPP, with branches called {@code 0, 1, ...}. The dilated convolutions among
 * them convolve one channels-last copy of the input ({@link ChannelsLastCopies}).
 */
final class ConcatBranches extends AbstractBlock {

    private static final byte VERSION = 1;

    ConcatBranches() {
        super(VERSION);
    }

    /** Adds a branch under {@code name}; returns this block. */
    ConcatBranches add(String name, Block block) {
        children.add(name, block);
        return this;
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDList outputs = new NDList(children.size());
        try (ChannelsLastCopies copies = new ChannelsLastCopies()) {
            PairList<String, Object> shared = copies.addTo(params);
            for (Block branch : children.values()) {
                outputs.add(branch.forward(store, inputs, training, shared).singletonOrThrow());
            }
        }
        NDArray concatenated = NDArrays.concat(outputs, 1);
        outputs.close(); // released early, as in NamedSequence
        return new NDList(concatenated);
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        for (Block branch : children.values()) {
            branch.initialize(manager, dataType, inputShapes);
        }
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        long channels = 0;
        Shape first = null;
        for (Block branch : children.values()) {
            Shape shape = branch.getOutputShapes(inputShapes)[0];
            first = first == null ? shape : first;
            channels += shape.get(1);
        }
        if (first == null) {
            throw new IllegalStateException("ConcatBranches has no branches");
        }
        return new Shape[] {new Shape(first.get(0), channels, first.get(2), first.get(3))};
    }
}

package org.dhad.backbone.deeplabv3.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Children applied one after another, like PyTorch's {@code nn.Sequential}, under names chosen by the
 * caller. DJL's {@code SequentialBlock} prefixes child names with a counter ({@code 01Conv2d}); this
 * block keeps the given names, so parameter names follow torchvision's module paths.
 */
class NamedSequence extends AbstractBlock {

    private static final byte VERSION = 1;

    NamedSequence() {
        super(VERSION);
    }

    /** Appends {@code block} under {@code name}; returns this sequence. */
    NamedSequence add(String name, Block block) {
        children.add(name, block);
        return this;
    }

    /** The child called {@code name}. */
    Block child(String name) {
        Block block = children.get(name);
        if (block == null) {
            throw new IllegalArgumentException("No child block '" + name + "'; children are " + children.keys());
        }
        return block;
    }

    /**
     * Applies the children from index {@code from} (inclusive) to {@code to} (exclusive). Each intermediate
     * output is released as soon as the next child has read it, as PyTorch drops a tensor nobody refers to:
     * DJL would otherwise keep every activation of the forward until the step's manager closes, which under a
     * frozen backbone holds several times the memory the step needs. Autograd keeps its own reference to what
     * the backward pass reads, so releasing the Java handle never takes a saved tensor away.
     */
    NDList forwardRange(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params,
            int from, int to) {
        NDList current = inputs;
        for (int i = from; i < to; i++) {
            NDList next = children.get(i).getValue().forward(store, current, training, params);
            if (current != inputs) {
                release(current, next);
            }
            current = next;
        }
        return current;
    }

    /** Closes the arrays of {@code spent} that are not also in {@code kept} (a child may return its input). */
    static void release(NDList spent, NDList kept) {
        for (NDArray array : spent) {
            if (kept.stream().noneMatch(k -> k == array)) {
                array.close();
            }
        }
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        return forwardRange(store, inputs, training, params, 0, children.size());
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape[] shapes = inputShapes;
        for (Block child : children.values()) {
            child.initialize(manager, dataType, shapes);
            shapes = child.getOutputShapes(shapes);
        }
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape[] shapes = inputShapes;
        for (Block child : children.values()) {
            shapes = child.getOutputShapes(shapes);
        }
        return shapes;
    }
}

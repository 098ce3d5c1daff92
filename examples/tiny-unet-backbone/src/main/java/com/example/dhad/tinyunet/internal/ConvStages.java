package com.example.dhad.tinyunet.internal;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;

/** The network's building blocks: 3x3 convolution stages and the 1x1 heads. */
final class ConvStages {

    private ConvStages() {
    }

    /**
     * Conv3x3-GroupNorm-ReLU-Conv3x3, followed by GroupNorm-ReLU when {@code normalised}; the last
     * decoder stage leaves that to the heads, which normalise the shared features each on their own
     * (as DeepLabV3's class and outlier heads do).
     */
    static Block twoConvolutions(int channels, boolean normalised) {
        SequentialBlock stage = new SequentialBlock()
                .add(conv3x3(channels))
                .add(new GroupNorm(channels))
                .add(Activation.reluBlock())
                .add(conv3x3(channels));
        if (normalised) {
            stage.add(new GroupNorm(channels)).add(Activation.reluBlock());
        }
        return stage;
    }

    /** GroupNorm-ReLU-Conv1x1 from {@code channels} features to {@code outputs} logits. */
    static Block head(int channels, int outputs) {
        return new SequentialBlock()
                .add(new GroupNorm(channels))
                .add(Activation.reluBlock())
                .add(Conv2d.builder().setKernelShape(new Shape(1, 1)).setFilters(outputs).build());
    }

    /** Bias-free: a normalisation follows every one of them. */
    private static Block conv3x3(int channels) {
        return Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1)).setFilters(channels)
                .optBias(false).build();
    }
}

package org.dhad.backbone.deeplabv3.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

import org.dhad.djl.BilinearResize;

/**
 * The image-pooling branch of ASPP, as torchvision's {@code ASPPPooling}: global average pool ({@code 0}),
 * 1x1 convolution ({@code 1}), batch norm ({@code 2}), ReLU ({@code 3}), then bilinear upsampling back to
 * the input's height and width.
 */
final class AsppPooling extends NamedSequence {

    AsppPooling(int outChannels) {
        add("0", new GlobalAveragePool());
        add("1", Convolutions.conv(outChannels, 1, 1, 1, false));
        add("2", new FreezableBatchNorm());
        add("3", Elementwise.relu());
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        Shape shape = inputs.singletonOrThrow().getShape();
        NDArray pooled = super.forwardInternal(store, inputs, training, params).singletonOrThrow();
        return new NDList(BilinearResize.resize(pooled, shape.get(2), shape.get(3)));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape pooled = super.getOutputShapes(inputShapes)[0];
        Shape input = inputShapes[0];
        return new Shape[] {new Shape(pooled.get(0), pooled.get(1), input.get(2), input.get(3))};
    }

    /** {@code [N,C,H,W] -> [N,C,1,1]} mean, as {@code nn.AdaptiveAvgPool2d(1)}. */
    private static final class GlobalAveragePool extends AbstractBlock {

        private static final byte VERSION = 1;

        GlobalAveragePool() {
            super(VERSION);
        }

        @Override
        protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                PairList<String, Object> params) {
            // the PyTorch engine's mean reduces one axis per call
            NDArray x = inputs.singletonOrThrow();
            return new NDList(x.mean(new int[] {3}, true).mean(new int[] {2}, true));
        }

        @Override
        public Shape[] getOutputShapes(Shape[] inputShapes) {
            Shape s = inputShapes[0];
            return new Shape[] {new Shape(s.get(0), s.get(1), 1, 1)};
        }
    }
}

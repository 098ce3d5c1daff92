package org.dhad.backbone.deeplabv3.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * One residual unit of torchvision's ResNet: a {@code Bottleneck} (v1.5: the stride sits on the 3x3
 * convolution; children {@code conv1, bn1, conv2, bn2, conv3, bn3}) or a {@code BasicBlock} (children
 * {@code conv1, bn1, conv2, bn2}), plus {@code downsample} ({@code 0} 1x1 convolution, {@code 1} batch
 * norm) when the shortcut changes shape.
 */
final class ResidualUnit extends AbstractBlock {

    private static final byte VERSION = 1;

    private final NamedSequence residual = new NamedSequence();
    private final Block downsample;

    /**
     * @param bottleneck  Bottleneck (expansion 4) rather than BasicBlock (expansion 1)
     * @param inChannels  input channels
     * @param planes      inner width; the output has {@code planes * expansion} channels
     * @param stride      stride of the unit (on the 3x3 convolution and the shortcut)
     * @param dilation    dilation of the 3x3 convolutions (BasicBlock: both; torchvision allows only 1)
     */
    ResidualUnit(boolean bottleneck, int inChannels, int planes, int stride, int dilation) {
        super(VERSION);
        int outChannels = planes * (bottleneck ? 4 : 1);
        if (bottleneck) {
            residual.add("conv1", Convolutions.conv(planes, 1, 1, 1, false));
            residual.add("bn1", new FreezableBatchNorm()).add("relu1", Elementwise.relu());
            residual.add("conv2", Convolutions.conv(planes, 3, stride, dilation, false));
            residual.add("bn2", new FreezableBatchNorm()).add("relu2", Elementwise.relu());
            residual.add("conv3", Convolutions.conv(outChannels, 1, 1, 1, false));
            residual.add("bn3", new FreezableBatchNorm());
        } else {
            residual.add("conv1", Convolutions.conv(planes, 3, stride, dilation, false));
            residual.add("bn1", new FreezableBatchNorm()).add("relu1", Elementwise.relu());
            residual.add("conv2", Convolutions.conv(planes, 3, 1, dilation, false));
            residual.add("bn2", new FreezableBatchNorm());
        }
        // the residual's children are this unit's children, so names read layer1.0.conv1, not layer1.0.x.conv1
        for (var child : residual.getChildren()) {
            children.add(child.getKey(), child.getValue());
        }
        if (stride != 1 || inChannels != outChannels) {
            downsample = new NamedSequence()
                    .add("0", Convolutions.conv(outChannels, 1, stride, 1, false))
                    .add("1", new FreezableBatchNorm());
            children.add("downsample", downsample);
        } else {
            downsample = null;
        }
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray out = residual.forward(store, inputs, training, params).singletonOrThrow();
        NDArray identity = downsample == null ? inputs.singletonOrThrow()
                : downsample.forward(store, inputs, training, params).singletonOrThrow();
        NDArray sum = out.add(identity);
        // released early, as in NamedSequence: the unit's input belongs to the caller
        out.close();
        if (downsample != null) {
            identity.close();
        }
        NDArray result = Activation.relu(sum);
        sum.close();
        return new NDList(result);
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        residual.initialize(manager, dataType, inputShapes);
        if (downsample != null) {
            downsample.initialize(manager, dataType, inputShapes);
        }
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return residual.getOutputShapes(inputShapes);
    }
}

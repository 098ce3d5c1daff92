package com.example.dhad.tinyunet.internal;

import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.dhad.api.backbone.HybridNetwork;
import org.dhad.api.training.ParameterGroup;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.initializer.XavierInitializer;

/**
 * A tiny U-Net {@link HybridNetwork}. Parameter names start with the stage they belong to
 * ({@code encoder1_01Conv2d_weight}); the stage decides the group: encoders are the
 * {@link ParameterGroup#BACKBONE}, the bottleneck the {@link ParameterGroup#CONTEXT}, the decoders the
 * {@link ParameterGroup#CLASS_HEAD}, and the two heads their final groups.
 */
final class TinyUnetNetwork implements HybridNetwork {

    private static final Map<String, ParameterGroup> GROUPS = Map.of(
            TinyUnetBlock.ENCODER1, ParameterGroup.BACKBONE,
            TinyUnetBlock.ENCODER2, ParameterGroup.BACKBONE,
            TinyUnetBlock.BOTTLENECK, ParameterGroup.CONTEXT,
            TinyUnetBlock.DECODER2, ParameterGroup.CLASS_HEAD,
            TinyUnetBlock.DECODER1, ParameterGroup.CLASS_HEAD,
            TinyUnetBlock.CLASS_HEAD, ParameterGroup.CLASS_HEAD_FINAL,
            TinyUnetBlock.OUTLIER_HEAD, ParameterGroup.OUTLIER_HEAD_FINAL);

    private final int classes;
    private final TinyUnetBlock block;

    TinyUnetNetwork(int width, int classes) {
        this.classes = classes;
        this.block = new TinyUnetBlock(width, classes);
    }

    @Override
    public TinyUnetBlock block() {
        return block;
    }

    @Override
    public int classCount() {
        return classes;
    }

    /** Convolutions get Kaiming-normal weights (fan-out, ReLU gain); norms start at scale 1, shift 0. */
    @Override
    public void initialize(NDManager manager, Shape inputShape) {
        Objects.requireNonNull(manager, "manager");
        if (inputShape.dimension() != 4 || inputShape.get(1) != 3) {
            throw new IllegalArgumentException("tiny-unet input shape must be [N,3,H,W], got " + inputShape);
        }
        block.setInitializer(new XavierInitializer(XavierInitializer.RandomType.GAUSSIAN,
                XavierInitializer.FactorType.OUT, 2), Parameter.Type.WEIGHT);
        block.initialize(manager, DataType.FLOAT32, inputShape);
    }

    @Override
    public ParameterGroup groupOf(String parameterName) {
        int end = parameterName.indexOf('_');
        ParameterGroup group = end < 0 ? null : GROUPS.get(parameterName.substring(0, end));
        if (group == null) {
            throw new IllegalArgumentException("tiny-unet has no parameter '" + parameterName
                    + "'; names start with one of " + GROUPS.keySet() + " followed by '_'");
        }
        return group;
    }

    /**
     * {@inheritDoc}
     * <p>
     * Group normalisation has no running statistics and behaves the same in training and inference, so
     * freezing a stage is only freezing its parameters.
     */
    @Override
    public void freeze(Set<ParameterGroup> groups) {
        Objects.requireNonNull(groups, "groups");
        for (var stage : block.getChildren()) {
            boolean frozen = groups.contains(GROUPS.get(stage.getKey()));
            Block part = stage.getValue();
            for (Parameter parameter : part.getParameters().values()) {
                parameter.freeze(frozen);
            }
        }
    }
}

package org.dhad.backbone.torchscript.internal;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.dhad.api.backbone.HybridNetwork;
import org.dhad.api.training.ParameterGroup;
import org.dhad.djl.ConvolutionInit;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;

/**
 * A {@link HybridNetwork} around a traced module. Groups follow the block a parameter belongs to: the
 * traced module's parameters (class logits included when the module gives them) are
 * {@link ParameterGroup#BACKBONE}, the added class head {@link ParameterGroup#CLASS_HEAD_FINAL}, the
 * outlier head {@link ParameterGroup#OUTLIER_HEAD_FINAL}. There is no separate context module or class
 * head body.
 * <p>
 * The traced module lives as long as the JVM: the API gives networks no close.
 */
final class TorchScriptNetwork implements HybridNetwork {

    private final TorchScriptBlock block;
    private final int classes;
    private final Map<String, ParameterGroup> groupByName = new LinkedHashMap<>();

    TorchScriptNetwork(TracedModule module, int featureOutput, int classesOutput, int classes, int featureChannels,
            boolean normalize) {
        this.block = new TorchScriptBlock(module, featureOutput, classesOutput, classes, featureChannels, normalize);
        this.classes = classes;
        // By the block that owns each parameter object, not by name: DJL prefixes child names with their
        // position (01backbone_...) and the traced module's own names are PyTorch paths (layers.0.weight).
        Map<Parameter, ParameterGroup> owner = new IdentityHashMap<>();
        own(owner, block.backbone(), ParameterGroup.BACKBONE);
        if (block.classifier() != null) {
            own(owner, block.classifier(), ParameterGroup.CLASS_HEAD_FINAL);
        }
        own(owner, block.outlier(), ParameterGroup.OUTLIER_HEAD_FINAL);
        block.getParameters().forEach(pair -> {
            ParameterGroup group = owner.get(pair.getValue());
            if (group == null) {
                throw new IllegalStateException("torchscript: parameter '" + pair.getKey() + "' of " + module.file()
                        + " belongs to no group");
            }
            groupByName.put(pair.getKey(), group);
        });
    }

    private static void own(Map<Parameter, ParameterGroup> owner, Block part, ParameterGroup group) {
        part.getParameters().values().forEach(p -> owner.put(p, group));
    }

    /** Parameter names as {@code block().getParameters()} gives them, in block order, with their groups. */
    Map<String, ParameterGroup> groups() {
        return Collections.unmodifiableMap(groupByName);
    }

    @Override
    public TorchScriptBlock block() {
        return block;
    }

    @Override
    public int classCount() {
        return classes;
    }

    /** {@inheritDoc} The traced module keeps its weights; the heads start as a new PyTorch {@code Conv2d}. */
    @Override
    public void initialize(NDManager manager, Shape inputShape) {
        Objects.requireNonNull(manager, "manager");
        if (inputShape.dimension() != 4 || inputShape.get(1) != 3) {
            throw new IllegalArgumentException("torchscript input shape must be [N,3,H,W], got " + inputShape);
        }
        ConvolutionInit.pytorchDefault(block.outlier());
        if (block.classifier() != null) {
            ConvolutionInit.pytorchDefault(block.classifier());
        }
        block.initialize(manager, DataType.FLOAT32, inputShape);
    }

    @Override
    public ParameterGroup groupOf(String parameterName) {
        ParameterGroup group = groupByName.get(parameterName);
        if (group == null) {
            throw new IllegalArgumentException("torchscript has no parameter '" + parameterName + "'; names look like "
                    + groupByName.keySet().iterator().next() + " (" + groupByName.size() + " parameters)");
        }
        return group;
    }

    /**
     * {@inheritDoc}
     * <p>
     * A frozen traced module runs in eval mode; running statistics never take gradients.
     */
    @Override
    public void freeze(Set<ParameterGroup> groups) {
        Objects.requireNonNull(groups, "groups");
        boolean backbone = groups.contains(ParameterGroup.BACKBONE);
        freeze(block.backbone(), backbone);
        block.setBackboneFrozen(backbone);
        if (block.classifier() != null) {
            freeze(block.classifier(), groups.contains(ParameterGroup.CLASS_HEAD_FINAL));
        }
        freeze(block.outlier(), groups.contains(ParameterGroup.OUTLIER_HEAD_FINAL));
    }

    private static void freeze(Block part, boolean frozen) {
        for (Parameter parameter : part.getParameters().values()) {
            boolean running = parameter.getType() == Parameter.Type.RUNNING_MEAN
                    || parameter.getType() == Parameter.Type.RUNNING_VAR;
            parameter.freeze(frozen || running);
        }
        for (var child : part.getChildren().values()) {
            if (child instanceof HeadNorm norm) {
                norm.setInference(frozen);
            }
        }
    }
}

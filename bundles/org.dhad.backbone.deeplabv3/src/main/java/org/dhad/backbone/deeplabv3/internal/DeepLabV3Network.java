package org.dhad.backbone.deeplabv3.internal;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.dhad.api.PluginException;
import org.dhad.api.backbone.HybridNetwork;
import org.dhad.api.training.ParameterGroup;
import org.dhad.djl.ConvolutionInit;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.initializer.XavierInitializer;

/**
 * A DeepLabV3 {@link HybridNetwork}. Parameter groups follow the block tree: {@code backbone} is
 * {@link ParameterGroup#BACKBONE}, {@code classifier.0} (ASPP) {@link ParameterGroup#CONTEXT},
 * {@code classifier.1} (3x3 convolution) {@link ParameterGroup#CLASS_HEAD}, {@code classifier.2} and
 * {@code classifier.4} {@link ParameterGroup#CLASS_HEAD_FINAL}, {@code outlier}
 * {@link ParameterGroup#OUTLIER_HEAD_FINAL}.
 */
final class DeepLabV3Network implements HybridNetwork {

    private final Architecture architecture;
    private final HybridBlock block;
    private final Map<ParameterGroup, List<Block>> groupBlocks = new EnumMap<>(ParameterGroup.class);
    private final Map<String, ParameterGroup> groupByName = new LinkedHashMap<>();

    DeepLabV3Network(Architecture architecture) {
        this.architecture = architecture;
        this.block = new HybridBlock(architecture);
        NamedSequence classifier = block.classifier();
        register(ParameterGroup.BACKBONE, "backbone", block.backbone());
        register(ParameterGroup.CONTEXT, "classifier_0", classifier.child("0"));
        register(ParameterGroup.CLASS_HEAD, "classifier_1", classifier.child("1"));
        register(ParameterGroup.CLASS_HEAD_FINAL, "classifier_2", classifier.child("2"));
        register(ParameterGroup.CLASS_HEAD_FINAL, "classifier_4", classifier.child("4"));
        register(ParameterGroup.OUTLIER_HEAD_FINAL, "outlier", block.outlier());
        for (String name : block.getParameters().keys()) {
            if (!groupByName.containsKey(name)) {
                throw new IllegalStateException("deeplabv3: parameter '" + name + "' belongs to no group");
            }
        }
    }

    private void register(ParameterGroup group, String prefix, Block part) {
        groupBlocks.computeIfAbsent(group, g -> new java.util.ArrayList<>()).add(part);
        for (String name : part.getParameters().keys()) {
            groupByName.put(prefix + "_" + name, group);
        }
    }

    /** The architecture this network was built with. */
    Architecture architecture() {
        return architecture;
    }

    /** Parameter names in block order with their groups. */
    Map<String, ParameterGroup> groups() {
        return Collections.unmodifiableMap(groupByName);
    }

    @Override
    public HybridBlock block() {
        return block;
    }

    @Override
    public int classCount() {
        return architecture.classes();
    }

    /**
     * {@inheritDoc}
     * <p>
     * The ResNet trunk's convolutions get torchvision's ResNet initialisation (Kaiming normal, fan-out, ReLU
     * gain); the class head (ASPP and DeepLabHead) and the outlier head start as a new PyTorch
     * {@code Conv2d}, as torchvision's DeepLabHead does; batch norms start at weight 1, bias 0, running mean 0 and variance 1; biases at 0.
     */
    @Override
    public void initialize(NDManager manager, Shape inputShape) {
        Objects.requireNonNull(manager, "manager");
        if (inputShape.dimension() != 4 || inputShape.get(1) != 3) {
            throw new IllegalArgumentException("deeplabv3 input shape must be [N,3,H,W], got " + inputShape);
        }
        block.setInitializer(new XavierInitializer(XavierInitializer.RandomType.GAUSSIAN,
                XavierInitializer.FactorType.OUT, 2), Parameter.Type.WEIGHT);
        ConvolutionInit.pytorchDefault(block.classifier());
        ConvolutionInit.pytorchDefault(block.outlier());
        block.initialize(manager, DataType.FLOAT32, inputShape);
    }

    @Override
    public ParameterGroup groupOf(String parameterName) {
        ParameterGroup group = groupByName.get(parameterName);
        if (group == null) {
            throw new IllegalArgumentException("deeplabv3 has no parameter '" + parameterName
                    + "'; names look like backbone_layer1_0_conv1_weight or classifier_4_bias");
        }
        return group;
    }

    /**
     * {@inheritDoc}
     * <p>
     * Groups not in {@code groups} are unfrozen, except batch-norm running statistics, which never take
     * gradients ({@code Block.freezeParameters(false)} would mark them trainable). The batch norms and dropout of
     * frozen groups forward as at inference, as PyTorch's {@code eval()} on the frozen modules.
     */
    @Override
    public void freeze(Set<ParameterGroup> groups) {
        Objects.requireNonNull(groups, "groups");
        for (Map.Entry<ParameterGroup, List<Block>> entry : groupBlocks.entrySet()) {
            boolean frozen = groups.contains(entry.getKey());
            for (Block part : entry.getValue()) {
                for (Parameter parameter : part.getParameters().values()) {
                    parameter.freeze(frozen || isRunningStatistic(parameter));
                }
                setInference(part, frozen);
            }
        }
    }

    /**
     * {@inheritDoc}
     * <p>
     * Reads a torchvision state_dict saved as {@code .npz} or {@code .safetensors}
     * ({@code releng/scripts/export-torchvision-weights.py} writes both): {@code deeplabv3_resnet50/101}
     * names ({@code backbone.*}, {@code classifier.*}; {@code aux_classifier.*} is ignored) fill everything
     * but the outlier head, which is DenseHybridAD's own and keeps its initialisation. ImageNet
     * {@code resnet50/101} names ({@code conv1.*}, {@code layer1.*}, ...; {@code fc.*} ignored) fill only the
     * backbone: that is the documented backbone-only case, so the untouched context module and heads do not
     * make it partial. Call after {@link #initialize} and before creating the trainer.
     */
    @Override
    public void loadWeights(Path file, boolean partial) throws PluginException {
        Objects.requireNonNull(file, "file");
        StateDictImport.load(this, file, partial);
    }

    private static boolean isRunningStatistic(Parameter parameter) {
        return parameter.getType() == Parameter.Type.RUNNING_MEAN || parameter.getType() == Parameter.Type.RUNNING_VAR;
    }

    /** Batch norms and dropout of a frozen group forward as in PyTorch's {@code eval()}. */
    private static void setInference(Block root, boolean inference) {
        Deque<Block> pending = new ArrayDeque<>();
        pending.push(root);
        while (!pending.isEmpty()) {
            Block current = pending.pop();
            if (current instanceof Freezable layer) {
                layer.setInference(inference);
            }
            current.getChildren().values().forEach(pending::push);
        }
    }
}

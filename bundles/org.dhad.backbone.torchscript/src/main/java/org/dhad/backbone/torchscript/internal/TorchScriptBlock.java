package org.dhad.backbone.torchscript.internal;

import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;

import ai.djl.MalformedModelException;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import ai.djl.util.PairList;

import org.dhad.djl.BilinearResize;
import org.dhad.djl.PointwiseConvolution;

/**
 * {@code NDList(images [N,3,H,W] in [0,1])} to {@code NDList(classLogits [N,C,H,W], outlierLogits
 * [N,1,H,W])}: children {@code backbone} (the traced module), {@code classifier} (BN-ReLU-Conv 1x1, only
 * when the module gives no class logits) and {@code outlier} (BN-ReLU-Conv 1x1 on the feature map). Both
 * logit maps are resized bilinearly to the input size.
 */
final class TorchScriptBlock extends AbstractBlock {

    private static final byte VERSION = 1;

    private final Path file;
    private final PtSymbolBlock backbone;
    private final SequentialBlock classifier;
    private final SequentialBlock outlier;
    private final int featureOutput;
    private final int classesOutput;
    private final int classes;
    private final boolean normalize;
    private volatile boolean backboneFrozen;

    TorchScriptBlock(TracedModule module, int featureOutput, int classesOutput, int classes, int featureChannels,
            boolean normalize) {
        super(VERSION);
        this.file = module.file();
        this.featureOutput = featureOutput;
        this.classesOutput = classesOutput;
        this.classes = classes;
        this.normalize = normalize;
        backbone = addChildBlock("backbone", module.block());
        classifier = classesOutput < 0 ? addChildBlock("classifier", head(featureChannels, classes)) : null;
        outlier = addChildBlock("outlier", head(featureChannels, 1));
    }

    private static SequentialBlock head(int channels, int outputs) {
        return new SequentialBlock().add(new HeadNorm(channels)).add(Activation.reluBlock())
                // one output channel: see PointwiseConvolution for why it is not a Conv2d
                .add(outputs == 1 ? new PointwiseConvolution(1)
                        : Conv2d.builder().setFilters(outputs).setKernelShape(new Shape(1, 1)).optBias(true).build());
    }

    /** The added class head, or null when the module gives class logits. */
    SequentialBlock classifier() {
        return classifier;
    }

    SequentialBlock outlier() {
        return outlier;
    }

    PtSymbolBlock backbone() {
        return backbone;
    }

    /**
     * A frozen module runs in eval mode (batch norms on running statistics, no dropout), as the method
     * requires of frozen layers; the traced module otherwise follows the trainer's training flag.
     */
    void setBackboneFrozen(boolean frozen) {
        backboneFrozen = frozen;
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray images = inputs.singletonOrThrow();
        Shape shape = images.getShape();
        if (shape.dimension() != 4 || shape.get(1) != 3) {
            throw new IllegalArgumentException("torchscript expects images [N,3,H,W], got " + shape);
        }
        NDArray x = normalize ? Normalization.imagenet(images) : images;
        boolean backboneTrains = training && !backboneFrozen;
        NDList outputs = backbone.forward(store, new NDList(x), backboneTrains, params);
        NDArray features = select(outputs, featureOutput, "feature-output");
        NDArray classLogits = classesOutput < 0 ? null : select(outputs, classesOutput, "classes-output");
        if (!backboneTrains) {
            // eval-mode outputs are inference tensors, which autograd refuses to save for heads whose
            // parameters still require gradients (frozen backbone, or inference right after training): clone
            features = features.duplicate();
            classLogits = classLogits == null ? null : classLogits.duplicate();
        }
        if (classLogits == null) {
            classLogits = classifier.forward(store, new NDList(features), training, params).singletonOrThrow();
        }
        NDArray outlierLogits = outlier.forward(store, new NDList(features), training, params).singletonOrThrow();
        return new NDList(BilinearResize.resize(classLogits, shape.get(2), shape.get(3)),
                BilinearResize.resize(outlierLogits, shape.get(2), shape.get(3)));
    }

    private NDArray select(NDList outputs, int index, String setting) {
        if (index >= outputs.size() || outputs.get(index).getShape().dimension() != 4) {
            throw new IllegalStateException("torchscript: " + file + " output " + index + " ('" + setting
                    + "') is " + (index >= outputs.size() ? "missing (" + outputs.size() + " outputs)"
                            : "of shape " + outputs.get(index).getShape()) + "; expected [N,channels,h,w]");
        }
        return outputs.get(index);
    }

    /**
     * {@inheritDoc}
     * <p>
     * The checkpoint's module is copied into the loaded module's parameter tensors in place. DJL's own
     * {@code PtSymbolBlock.loadParameters} swaps in a new module while the {@link Parameter}s it handed
     * out earlier (to the network's groups, the trainer, the optimizer) keep the old module's tensors: a
     * resumed run would then train tensors the forward pass no longer reads. Buffers (batch-norm running
     * statistics) keep the file's values: a module traced in eval mode never changes them.
     */
    @Override
    public void loadParameters(NDManager manager, DataInputStream is) throws IOException, MalformedModelException {
        loadMetadata(is.readByte(), is);
        for (Pair<String, Block> child : getChildren()) {
            if (child.getValue() == backbone) {
                loadBackbone(manager, is);
            } else {
                child.getValue().loadParameters(manager, is);
            }
        }
    }

    private void loadBackbone(NDManager manager, DataInputStream is) throws IOException, MalformedModelException {
        is.readByte(); // PtSymbolBlock's encoding version, written by its saveParameters
        try (NDManager scope = manager.newSubManager()) {
            if (!(scope instanceof PtNDManager ptScope)) {
                throw new MalformedModelException("torchscript: checkpoint of " + file + " needs the PyTorch engine, "
                        + "not " + scope.getEngine().getEngineName());
            }
            PtSymbolBlock saved = new PtSymbolBlock(ptScope, JniUtils.loadModuleHandle(is, scope.getDevice(), true,
                    true));
            try {
                copy(saved);
            } finally {
                saved.close();
            }
        }
    }

    private void copy(PtSymbolBlock saved) throws MalformedModelException {
        Map<String, Parameter> values = saved.getDirectParameters().stream()
                .collect(Collectors.toMap(Pair::getKey, Pair::getValue));
        for (Pair<String, Parameter> target : backbone.getDirectParameters()) {
            Parameter source = values.remove(target.getKey());
            NDArray into = target.getValue().getArray();
            if (source == null || !source.getArray().getShape().equals(into.getShape())) {
                throw new MalformedModelException("torchscript: " + (source == null
                        ? "the checkpoint has no parameter '" + target.getKey() + "' of " + file
                        : "the checkpoint's '" + target.getKey() + "' has shape " + source.getArray().getShape()
                                + " where " + file + " has " + into.getShape())
                        + " (a checkpoint of another module?)");
            }
            into.set(source.getArray().toByteBuffer());
        }
        if (!values.isEmpty()) {
            throw new MalformedModelException("torchscript: the checkpoint has parameters " + values.keySet()
                    + " that " + file + " lacks (a checkpoint of another module?)");
        }
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        // the traced module arrives initialised; the heads only need the feature channel count
        Shape in = inputShapes[0];
        long channels = ((HeadNorm) outlier.getChildren().get(0).getValue()).channels();
        Shape features = new Shape(in.get(0), channels, 1, 1);
        if (classifier != null) {
            classifier.initialize(manager, dataType, features);
        }
        outlier.initialize(manager, dataType, features);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape in = inputShapes[0];
        return new Shape[] {new Shape(in.get(0), classes, in.get(2), in.get(3)),
            new Shape(in.get(0), 1, in.get(2), in.get(3))};
    }
}

package org.dhad.backbone.deeplabv3.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

import org.dhad.djl.BilinearResize;

/**
 * DeepLabV3 with an outlier head: {@code NDList(images [N,3,H,W] in [0,1])} to
 * {@code NDList(classLogits [N,C,H,W], outlierLogits [N,1,H,W])}.
 * <p>
 * Children: {@code backbone} (dilated ResNet), {@code classifier} (torchvision's {@code DeepLabHead}) and
 * {@code outlier} (batch norm, ReLU, 1x1 convolution on the output of {@code classifier.1}, the features
 * the class head's final BN-ReLU-Conv also reads). Inputs are normalised with ImageNet mean and standard
 * deviation here; both outputs are resized bilinearly ({@code align_corners=false}) to the input size.
 */
final class HybridBlock extends AbstractBlock {

    private static final byte VERSION = 1;
    private static final float[] MEAN = {0.485f, 0.456f, 0.406f};
    private static final float[] STD = {0.229f, 0.224f, 0.225f};
    /** Index of the first classifier child after the shared 3x3 features ({@code classifier.2}). */
    private static final int CLASS_FINAL_START = 2;

    private final int classes;
    private final NamedSequence backbone;
    private final NamedSequence classifier;
    private final NamedSequence outlier;

    HybridBlock(Architecture architecture) {
        super(VERSION);
        this.classes = architecture.classes();
        backbone = NetworkFactory.resnet(architecture);
        classifier = NetworkFactory.classifier(architecture);
        outlier = NetworkFactory.outlierHead();
        children.add("backbone", backbone);
        children.add("classifier", classifier);
        children.add("outlier", outlier);
    }

    NamedSequence backbone() {
        return backbone;
    }

    NamedSequence classifier() {
        return classifier;
    }

    NamedSequence outlier() {
        return outlier;
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray images = inputs.singletonOrThrow();
        Shape shape = images.getShape();
        if (shape.dimension() != 4 || shape.get(1) != 3) {
            throw new IllegalArgumentException("deeplabv3 expects images [N,3,H,W], got " + shape);
        }
        NDManager manager = images.getManager();
        NDArray mean = manager.create(MEAN, new Shape(1, 3, 1, 1)).toType(images.getDataType(), false);
        NDArray std = manager.create(STD, new Shape(1, 3, 1, 1)).toType(images.getDataType(), false);
        NDArray centred = images.sub(mean);
        NDList x = new NDList(centred.div(std));
        centred.close();
        NDList features = backbone.forward(store, x, training, params);
        // each stage's input is released once read, as within the sequences (see NamedSequence.forwardRange)
        NamedSequence.release(x, features);
        NDList shared = classifier.forwardRange(store, features, training, params, 0, CLASS_FINAL_START);
        NamedSequence.release(features, shared);
        NDList classLogits = classifier.forwardRange(store, shared, training, params, CLASS_FINAL_START,
                classifier.getChildren().size());
        NDList outlierLogits = outlier.forward(store, shared, training, params);
        NamedSequence.release(shared, new NDList(classLogits.singletonOrThrow(), outlierLogits.singletonOrThrow()));
        long height = shape.get(2);
        long width = shape.get(3);
        NDList logits = new NDList(BilinearResize.resize(classLogits.singletonOrThrow(), height, width),
                BilinearResize.resize(outlierLogits.singletonOrThrow(), height, width));
        NamedSequence.release(new NDList(classLogits.singletonOrThrow(), outlierLogits.singletonOrThrow()), logits);
        return logits;
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        backbone.initialize(manager, dataType, inputShapes);
        Shape[] features = backbone.getOutputShapes(inputShapes);
        classifier.initialize(manager, dataType, features);
        Shape[] shared = classifier.child("0").getOutputShapes(features);
        shared = classifier.child("1").getOutputShapes(shared);
        outlier.initialize(manager, dataType, shared);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape in = inputShapes[0];
        return new Shape[] {new Shape(in.get(0), classes, in.get(2), in.get(3)),
            new Shape(in.get(0), 1, in.get(2), in.get(3))};
    }
}

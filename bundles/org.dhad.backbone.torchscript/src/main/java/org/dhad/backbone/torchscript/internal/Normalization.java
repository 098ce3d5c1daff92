package org.dhad.backbone.torchscript.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/** ImageNet mean and standard deviation normalisation of {@code [N,3,H,W]} images in {@code [0,1]}. */
final class Normalization {

    private static final float[] MEAN = {0.485f, 0.456f, 0.406f};
    private static final float[] STD = {0.229f, 0.224f, 0.225f};

    private Normalization() {
    }

    static NDArray imagenet(NDArray images) {
        NDManager manager = images.getManager();
        NDArray mean = manager.create(MEAN, new Shape(1, 3, 1, 1)).toType(images.getDataType(), false);
        NDArray std = manager.create(STD, new Shape(1, 3, 1, 1)).toType(images.getDataType(), false);
        return images.sub(mean).div(std);
    }
}

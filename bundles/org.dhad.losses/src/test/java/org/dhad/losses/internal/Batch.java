package org.dhad.losses.internal;

import org.dhad.api.loss.LossInputs;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * A small batch as plain Java values, row-major: class logits {@code [N,C,H,W]}, outlier logits,
 * outlier labels and class labels {@code [N,H,W]} (class labels may be null).
 */
record Batch(int n, int c, int h, int w, double[] classLogits, double[] outlierLogits, float[] outlierLabels,
        long[] classLabels) {

    int pixels() {
        return n * h * w;
    }

    /** Index of class {@code k} at pixel {@code p} in {@link #classLogits}. */
    int classIndex(int p, int k) {
        int plane = h * w;
        return ((p / plane) * c + k) * plane + p % plane;
    }

    Batch withClassLogits(double[] values) {
        return new Batch(n, c, h, w, values, outlierLogits, outlierLabels, classLabels);
    }

    Batch withOutlierLogits(double[] values) {
        return new Batch(n, c, h, w, classLogits, values, outlierLabels, classLabels);
    }

    Batch withOutlierLabels(float[] values) {
        return new Batch(n, c, h, w, classLogits, outlierLogits, values, classLabels);
    }

    Batch withClassLabels(long[] values) {
        return new Batch(n, c, h, w, classLogits, outlierLogits, outlierLabels, values);
    }

    /** The batch as arrays in {@code manager}: logits in {@code type}, outlier labels float32, class labels int64. */
    LossInputs toInputs(NDManager manager, DataType type) {
        NDArray classes = manager.create(classLogits, new Shape(n, c, h, w)).toType(type, false);
        NDArray outliers = manager.create(outlierLogits, new Shape(n, h, w)).toType(type, false);
        NDArray labels = manager.create(outlierLabels, new Shape(n, h, w));
        NDArray classIds = classLabels == null ? null : manager.create(classLabels, new Shape(n, h, w));
        return new LossInputs(classes, outliers, labels, classIds);
    }
}

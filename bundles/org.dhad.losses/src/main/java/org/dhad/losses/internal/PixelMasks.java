package org.dhad.losses.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * The inlier and outlier pixels of a batch, means over them and the shape checks of the terms' inputs.
 * The log-space math itself is {@link org.dhad.api.loss.LogSpace}, shared with the anomaly scorer.
 * Every function creates its results in the manager of its first array argument.
 */
final class PixelMasks {

    /** Labels above this count as outlier pixels, the rest as inlier pixels. */
    static final double OUTLIER_THRESHOLD = 0.5;

    private PixelMasks() {
    }

    /** 1 where {@code labels} mark an outlier pixel, else 0, in the data type of {@code like}. */
    static NDArray outlierMask(NDArray labels, NDArray like) {
        return labels.gt(OUTLIER_THRESHOLD).toType(like.getDataType(), false);
    }

    /** 1 where {@code labels} mark an inlier pixel, else 0, in the data type of {@code like}. */
    static NDArray inlierMask(NDArray labels, NDArray like) {
        return labels.lte(OUTLIER_THRESHOLD).toType(like.getDataType(), false);
    }

    /**
     * Σ values·mask / max(Σ mask, 1): the mean over the masked pixels, and exactly 0 with a zero
     * gradient when the mask is empty. {@code values} must be finite everywhere, since 0·∞ is NaN.
     */
    static NDArray maskedMean(NDArray values, NDArray mask) {
        return values.mul(mask).sum().div(mask.sum().maximum(1));
    }

    /**
     * Checks that an {@code [N,H,W]} array has the same shape as the outlier logits.
     *
     * @throws IllegalArgumentException naming the term, both fields and both shapes
     */
    static void requirePixelShape(String termId, String field, NDArray array, NDArray outlierLogits) {
        Shape expected = outlierLogits.getShape();
        if (expected.dimension() != 3) {
            throw new IllegalArgumentException(termId + ": outlierLogits has shape " + expected
                    + "; expected [N,H,W]");
        }
        if (!array.getShape().equals(expected)) {
            throw new IllegalArgumentException(termId + ": " + field + " has shape " + array.getShape()
                    + "; expected the outlierLogits shape " + expected + " [N,H,W]");
        }
    }

    /**
     * Checks that class logits are {@code [N,C,H,W]} over the {@code [N,H,W]} pixels of {@code pixels}.
     *
     * @throws IllegalArgumentException naming the term, both fields and both shapes
     */
    static void requireClassShape(String termId, NDArray classLogits, String field, NDArray pixels) {
        Shape logits = classLogits.getShape();
        Shape grid = pixels.getShape();
        boolean matches = logits.dimension() == 4 && grid.dimension() == 3 && logits.get(0) == grid.get(0)
                && logits.get(2) == grid.get(1) && logits.get(3) == grid.get(2);
        if (!matches) {
            throw new IllegalArgumentException(termId + ": classLogits has shape " + logits + " and " + field
                    + " has shape " + grid + "; expected [N,C,H,W] and [N,H,W] with equal N, H and W");
        }
    }
}

package org.dhad.engine;

/**
 * How simulated outliers are pasted onto each training image.
 *
 * @param mode          mask-shaped or rectangular
 * @param count         negatives pasted per image (when pasting happens)
 * @param probability   chance that an image gets any negative at all
 * @param minScale      smallest pasted side as a fraction of sqrt(image area)
 * @param maxScale      largest pasted side as a fraction of sqrt(image area)
 * @param rectangleStep rectangle sides are drawn in steps of this many pixels (the original code: 16)
 */
public record PasteSpec(PasteMode mode, int count, double probability, double minScale, double maxScale,
        int rectangleStep) {

    /** The documented defaults for a mode. */
    public static PasteSpec defaults(PasteMode mode) {
        return new PasteSpec(mode, 1, 1.0, 0.1, 0.4, 16);
    }
}

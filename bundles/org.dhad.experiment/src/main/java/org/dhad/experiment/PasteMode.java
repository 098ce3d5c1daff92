package org.dhad.experiment;

/** How negatives are pasted onto inlier images. */
public enum PasteMode {
    /** Only the pixels of a class-mask shape (the paper's contribution). */
    MASK,
    /** The whole rectangle around the shape (the original DenseHybrid). */
    RECTANGLE
}

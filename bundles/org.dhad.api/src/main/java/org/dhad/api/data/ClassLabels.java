package org.dhad.api.data;

/**
 * Class indices of an image's pixels, row-major.
 *
 * @param width  pixels per row
 * @param height rows
 * @param labels {@code width*height} class indices, {@link LabelledImages#IGNORED} for ignored pixels
 */
public record ClassLabels(int width, int height, int[] labels) {

    public ClassLabels {
        if (width <= 0 || height <= 0 || labels.length != width * height) {
            throw new IllegalArgumentException("Class labels of " + width + "x" + height + " need " + width * height
                    + " values, got " + labels.length);
        }
    }
}

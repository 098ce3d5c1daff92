package org.dhad.api.data;

import java.awt.image.BufferedImage;

/**
 * Pixels cut from a negative image and the shape to paste.
 *
 * @param image  RGB pixels, cropped to the shape's bounding box
 * @param shape  mask of the same size; 1 where the pixel belongs to the shape
 * @param source where it comes from, for logs
 */
public record NegativePatch(BufferedImage image, Mask shape, String source) {

    public NegativePatch {
        if (image.getWidth() != shape.width() || image.getHeight() != shape.height()) {
            throw new IllegalArgumentException("Patch image " + image.getWidth() + "x" + image.getHeight()
                    + " and shape " + shape.width() + "x" + shape.height() + " differ in size (" + source + ")");
        }
    }
}

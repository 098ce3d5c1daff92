package org.dhad.api.data;

import java.awt.image.BufferedImage;
import java.io.IOException;

/** One image of a segmentation dataset and its class-index mask, read lazily. */
public interface LabelledImage {

    /** Where the pair comes from (usually the mask's path), for messages. */
    String source();

    /** Reads the image as RGB. */
    BufferedImage readImage() throws IOException;

    /**
     * Reads the class index of every pixel at the image's size, row-major; pixels of an ignored class hold
     * {@link LabelledImages#IGNORED}.
     *
     * @throws IOException when the mask cannot be read or its size differs from the image's; the message names
     *                     the file and both sizes
     */
    ClassLabels readLabels() throws IOException;
}

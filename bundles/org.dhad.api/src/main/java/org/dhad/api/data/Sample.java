package org.dhad.api.data;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.Optional;

/** One image of an anomaly dataset, read lazily so that indexes stay small. */
public interface Sample {

    /** The defect type of normal samples. */
    String GOOD = "good";

    String category();

    Split split();

    /** Defect type, or {@link #GOOD}. */
    String defectType();

    /** Name unique within category and defect type (usually the file stem). */
    String name();

    /** Where the sample comes from (a file path, or a generator and index), for messages. */
    String source();

    /** Whether the image contains an anomaly. */
    default boolean anomalous() {
        return !GOOD.equals(defectType());
    }

    /** Reads the image as RGB. */
    BufferedImage readImage() throws IOException;

    /** The ground-truth mask at the image's size; empty for normal samples (all pixels normal). */
    Optional<Mask> readMask() throws IOException;
}

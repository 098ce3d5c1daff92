package org.dhad.api.data;

import java.util.List;

/**
 * A segmentation dataset opened for its primary task: images with class-index masks. Experiments mix its
 * batches with the anomaly dataset's (the {@code segmentation-ce} loss term) and {@code dhad pretrain}
 * trains on it alone.
 */
public interface LabelledImages {

    /** The label of a pixel that takes no part in the loss. */
    int IGNORED = -1;

    /** What was opened: the folder and the layout found, for messages. */
    String description();

    /** The image + mask pairs, in a fixed order. */
    List<LabelledImage> images();

    /** Files left out while opening and why, each naming the file. */
    List<String> problems();
}

package org.dhad.negatives.segmentation.internal;

import java.nio.file.Path;
import java.util.List;

/**
 * The shapes found in one mask file and the state (size, modification time) of the mask and its image
 * when they were found; a cached entry is reused only while both states are unchanged.
 */
record IndexedFile(Path image, Path mask, FileState imageState, FileState maskState, int width, int height,
        List<Shape> shapes) {

    /** Size in bytes and modification time in milliseconds. */
    record FileState(long size, long modified) {
    }
}

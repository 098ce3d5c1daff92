package org.dhad.engine.internal;

/**
 * One training batch as plain arrays, built off the training thread.
 *
 * @param index  0-based batch index within the epoch
 * @param count  images in the batch (fewer than the batch size when samples were skipped)
 * @param size   image side in pixels
 * @param images {@code count*3*size*size} floats, CHW per image, in [0,1]
 * @param labels {@code count*size*size} floats, 1 on pasted pixels
 */
record TrainingBatch(int index, int count, int size, float[] images, float[] labels) {
}

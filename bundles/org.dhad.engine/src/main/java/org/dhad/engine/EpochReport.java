package org.dhad.engine;

import java.nio.file.Path;

/**
 * The end of one training epoch.
 *
 * @param epoch          1-based epoch just finished
 * @param epochs         epochs of the run
 * @param meanLoss       mean total loss over the epoch's steps
 * @param checkpoint     the parameter file written for this epoch
 * @param skippedSamples samples skipped so far because they could not be read
 */
public record EpochReport(int epoch, int epochs, double meanLoss, Path checkpoint, int skippedSamples) {
}

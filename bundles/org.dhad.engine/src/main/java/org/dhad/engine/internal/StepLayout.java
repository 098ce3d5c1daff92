package org.dhad.engine.internal;

/**
 * Where segmentation steps fall in an epoch. Mixed training (every = N >= 2): positions N-1, 2N-1, ... are
 * segmentation steps and the others take the anomaly batches in order, so an epoch still sees every anomaly
 * batch (and ends on a segmentation step when the count comes out even). Without a segmentation source every
 * position is an anomaly batch; in segmentation pretraining (every = 1) every position is a segmentation batch.
 * Each position is one global step, so a checkpoint's (epoch, position) says which anomaly and which
 * segmentation batch come next.
 *
 * @param anomalyBatches      anomaly batches per epoch (0 in pretraining)
 * @param every               one step in this many is a segmentation step; 0 for none, 1 for all
 * @param segmentationBatches segmentation batches per epoch in pretraining
 */
record StepLayout(int anomalyBatches, int every, int segmentationBatches) {

    /** No segmentation steps. */
    static StepLayout anomalyOnly(int anomalyBatches) {
        return new StepLayout(anomalyBatches, 0, 0);
    }

    /** One step in {@code every} (at least 2) a segmentation step. */
    static StepLayout mixed(int anomalyBatches, int every) {
        if (every < 2) {
            throw new IllegalArgumentException("Mixed training needs every >= 2, got " + every);
        }
        return new StepLayout(anomalyBatches, every, 0);
    }

    /** Segmentation batches alone (pretraining). */
    static StepLayout segmentationOnly(int segmentationBatches) {
        return new StepLayout(0, 1, segmentationBatches);
    }

    /** Steps per epoch: the anomaly batches and the segmentation steps among them. */
    int positions() {
        return switch (every) {
            case 0 -> anomalyBatches;
            case 1 -> segmentationBatches;
            default -> anomalyBatches + anomalyBatches / (every - 1);
        };
    }

    boolean segmentation(int position) {
        return every == 1 || every > 1 && (position + 1) % every == 0;
    }

    /** The anomaly batch at {@code position}, or the next one when it is a segmentation step. */
    int anomalyBatch(int position) {
        return switch (every) {
            case 0 -> position;
            case 1 -> anomalyBatches;
            default -> position - position / every;
        };
    }

    /** The run-wide index of the segmentation batch at {@code position} of {@code epoch}. */
    long segmentationBatch(int epoch, int position) {
        return (long) epoch * (positions() / every) + position / every;
    }
}

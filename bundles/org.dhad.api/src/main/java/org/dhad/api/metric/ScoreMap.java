package org.dhad.api.metric;

import org.dhad.api.data.Mask;

/**
 * An anomaly score per pixel of one test image, with its ground truth.
 *
 * @param imageId    category/defect/name of the image
 * @param defectType defect type, or {@code good}
 * @param scores     row-major scores, higher = more anomalous, {@code truth.width()*truth.height()} values
 * @param truth      ground-truth mask (1 = anomalous pixel)
 */
public record ScoreMap(String imageId, String defectType, float[] scores, Mask truth) {

    public ScoreMap {
        if (scores.length != truth.pixels().length) {
            throw new IllegalArgumentException("Score map " + imageId + " has " + scores.length
                    + " scores for a " + truth.width() + "x" + truth.height() + " mask");
        }
    }

    public int width() {
        return truth.width();
    }

    public int height() {
        return truth.height();
    }

    /**
     * The image-level score: the maximum of the map. Image AUROC, the image thresholds of evaluation and the
     * verdicts of prediction all use this one definition.
     *
     * @since 2.1
     */
    public float imageScore() {
        return imageScore(scores);
    }

    /**
     * {@link #imageScore()} of a map given as its scores alone; NaN when a score is NaN.
     *
     * @since 2.1
     */
    public static float imageScore(float[] scores) {
        float max = Float.NEGATIVE_INFINITY;
        for (float s : scores) {
            max = Math.max(max, s);
        }
        return max;
    }
}

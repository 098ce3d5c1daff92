package org.dhad.api.metric;

import java.util.List;

/**
 * Chooses decision thresholds on a category's test split: for image scores ({@link ScoreMap#imageScore()},
 * labelled by whether the mask has an anomalous pixel) and for pixel scores (pixels pooled). The thresholds
 * that {@code dhad evaluate} stores and {@code dhad predict} decides with.
 *
 * @since 2.1
 */
public interface ThresholdSelection {

    /**
     * @param goodRates shares of good items that may be flagged, each in (0, 1)
     * @return the image thresholds and the pixel thresholds
     * @throws MetricException when a score is NaN or infinite (naming the image)
     */
    Thresholds select(EvaluationData data, List<Double> goodRates) throws MetricException;

    /** Image and pixel thresholds of one category. */
    record Thresholds(ScoreThresholds image, ScoreThresholds pixel) {
    }
}

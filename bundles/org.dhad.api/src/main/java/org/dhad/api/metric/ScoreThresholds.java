package org.dhad.api.metric;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Thresholds chosen on one category's test split for one kind of score (image scores or pixel scores).
 * Each threshold lies halfway between two adjacent distinct test scores, so a score computed again (in
 * another batch, by {@code dhad predict}) falls on the same side as it did in evaluation.
 *
 * @param bestF1    the threshold with the largest F1 (the highest one among equals), or null when the split has
 *                  no anomalous or no good items (see {@code note})
 * @param goodRates for each requested share r of good items, the lowest threshold at which at most r of them are
 *                  flagged; absent where the split has no good items
 * @param low       the lowest test score
 * @param high      the highest test score
 * @param note      why a threshold is missing, or empty
 * @since 2.1
 */
public record ScoreThresholds(OperatingPoint bestF1, Map<Double, OperatingPoint> goodRates, double low, double high,
        String note) {

    public ScoreThresholds {
        goodRates = Collections.unmodifiableMap(new LinkedHashMap<>(goodRates));
        note = note == null ? "" : note;
    }

    public Optional<OperatingPoint> f1() {
        return Optional.ofNullable(bestF1);
    }

    /** The threshold for the share {@code rate} of good items, if it was chosen. */
    public Optional<OperatingPoint> goodRate(double rate) {
        return Optional.ofNullable(goodRates.get(rate));
    }
}

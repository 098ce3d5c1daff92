package org.dhad.api.metric;

/**
 * A threshold and what it does on the test split: items (images or pixels) scoring at or above it are
 * flagged as anomalous.
 *
 * @param threshold      the score threshold: {@code score >= threshold} is anomalous
 * @param truePositives  anomalous items flagged
 * @param falsePositives good items flagged
 * @param falseNegatives anomalous items not flagged
 * @param trueNegatives  good items not flagged
 * @since 2.1
 */
public record OperatingPoint(double threshold, long truePositives, long falsePositives, long falseNegatives,
        long trueNegatives) {

    /** Items flagged, anomalous or not. */
    public long flagged() {
        return truePositives + falsePositives;
    }

    /** 2TP / (2TP + FP + FN); 0 where nothing anomalous is flagged. */
    public double f1() {
        long denominator = 2 * truePositives + falsePositives + falseNegatives;
        return denominator == 0 ? 0 : 2.0 * truePositives / denominator;
    }

    /** Share of the good items that are flagged (the false-positive rate); NaN without good items. */
    public double flaggedGoodShare() {
        long good = falsePositives + trueNegatives;
        return good == 0 ? Double.NaN : (double) falsePositives / good;
    }
}

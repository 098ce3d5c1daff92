package org.dhad.metrics.internal;

import org.dhad.api.metric.EvaluationData;
import org.dhad.api.metric.MetricException;

/**
 * The pixels of one category reduced to their distinct scores, highest first, with the number of
 * anomalous (true positive) and normal (false positive) pixels whose score is at or above each one.
 * Threshold {@code k} takes all pixels with a score equal to {@code threshold(k)} at once, so ties
 * never split. Every ROC/PR quantity (AUROC, FPR95, AP, F1) is one linear pass over this.
 * <p>
 * Memory: 12 bytes per distinct score (a float and two ints), kept as long as the
 * {@link EvaluationData} it is derived from. Building it additionally needs 2 bytes per pixel for a
 * moment (see {@link RankingBuilder}).
 */
public final class ScoreRanking {

    private final float[] thresholds;
    private final int[] truePositives;
    private final int[] falsePositives;
    private final int positives;
    private final int negatives;
    private final int[] bucketRanks;

    /**
     * @param thresholds     distinct scores, strictly descending
     * @param truePositives  cumulative anomalous pixels with score {@code >= thresholds[k]}
     * @param falsePositives cumulative normal pixels with score {@code >= thresholds[k]}
     * @param bucketRanks    for each high 16 bits of {@link RankingBuilder#key}, the ascending rank of
     *                       its first distinct score, and the number of distinct scores at the end
     */
    ScoreRanking(float[] thresholds, int[] truePositives, int[] falsePositives, int positives, int negatives,
            int[] bucketRanks) {
        this.bucketRanks = bucketRanks;
        this.thresholds = thresholds;
        this.truePositives = truePositives;
        this.falsePositives = falsePositives;
        this.positives = positives;
        this.negatives = negatives;
    }

    /**
     * The ranking of the pixels of {@code data}, built on first use and shared by every metric that
     * asks for it afterwards.
     *
     * @throws MetricException when a score is NaN or infinite (naming the image and pixel)
     */
    public static ScoreRanking of(EvaluationData data) throws MetricException {
        try {
            return data.derived(ScoreRanking.class, d -> {
                try {
                    return RankingBuilder.build(d.maps(), d.category());
                } catch (MetricException e) {
                    // EvaluationData.derived takes a Function, which cannot throw checked exceptions.
                    throw new Carrier(e);
                }
            });
        } catch (Carrier c) {
            throw c.cause;
        }
    }

    /** Number of distinct scores. */
    public int size() {
        return thresholds.length;
    }

    /** The {@code k}-th highest distinct score. */
    public float threshold(int k) {
        return thresholds[k];
    }

    /** Anomalous pixels with score at or above {@link #threshold(int)}. */
    public int truePositives(int k) {
        return truePositives[k];
    }

    /** Normal pixels with score at or above {@link #threshold(int)}. */
    public int falsePositives(int k) {
        return falsePositives[k];
    }

    /** All anomalous pixels. */
    public int positives() {
        return positives;
    }

    /** All normal pixels. */
    public int negatives() {
        return negatives;
    }

    /** True-positive rate at threshold {@code k}, divided exactly as scikit-learn does. */
    public double tpr(int k) {
        return (double) truePositives[k] / positives;
    }

    /** False-positive rate at threshold {@code k}. */
    public double fpr(int k) {
        return (double) falsePositives[k] / negatives;
    }

    /**
     * The index of {@code score} among the thresholds, or -1 when it is not one of them.
     * {@code -0.0} is found as {@code 0.0}, as the builder merged them. Searches only the scores
     * sharing the key's high 16 bits, so lookups stay within a small, cache-friendly range.
     */
    public int indexOf(float score) {
        float s = score + 0.0f;
        int bucket = RankingBuilder.key(s) >>> 16;
        int lo = thresholds.length - bucketRanks[bucket + 1];
        int hi = thresholds.length - 1 - bucketRanks[bucket];
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            float t = thresholds[mid];
            if (t > s) {
                lo = mid + 1;
            } else if (t < s) {
                hi = mid - 1;
            } else {
                return mid;
            }
        }
        return -1;
    }

    /** Carries a checked MetricException out of the Function given to EvaluationData.derived. */
    static final class Carrier extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final transient MetricException cause;

        Carrier(MetricException cause) {
            super(cause.getMessage(), null, false, false);
            this.cause = cause;
        }
    }
}

package org.dhad.metrics.internal;

import java.util.Optional;

import org.dhad.api.metric.EvaluationData;
import org.dhad.api.metric.Metric;
import org.dhad.api.metric.MetricException;
import org.dhad.api.metric.MetricResult;

/**
 * A pixel metric read from the shared {@link ScoreRanking} of its data. Subclasses give the formula;
 * this class fetches the ranking and answers NaN with a note where the metric has no value because
 * the category lacks anomalous or normal pixels.
 */
abstract class RankingMetric implements Metric {

    @Override
    public final MetricResult compute(EvaluationData data) throws MetricException {
        ScoreRanking ranking = ScoreRanking.of(data);
        String reason = undefinedBecause(ranking.positives(), ranking.negatives(), data.category());
        if (reason != null) {
            return new MetricResult(id(), Double.NaN, Optional.empty(), reason);
        }
        return evaluate(data, ranking);
    }

    /** Computes the metric from a ranking that has the pixels {@link #undefinedBecause} asks for. */
    abstract MetricResult evaluate(EvaluationData data, ScoreRanking ranking) throws MetricException;

    /**
     * Why the metric has no value for these counts, or null when it has one. By default both classes
     * are needed: the ROC curve divides by both counts.
     */
    String undefinedBecause(long positives, long negatives, String category) {
        return missingClass(displayName(), positives, negatives, category, true, true);
    }

    /**
     * The note for a metric that needs anomalous ({@code needsPositives}) and/or normal pixels, or null
     * when those present suffice.
     */
    static String missingClass(String metric, long positives, long negatives, String category,
            boolean needsPositives, boolean needsNegatives) {
        if (positives + negatives == 0) {
            return metric + " is undefined: category '" + category + "' has no pixels to evaluate";
        }
        if (needsPositives && positives == 0) {
            return metric + " is undefined: category '" + category + "' has no anomalous pixels"
                    + " (true-positive rate and recall divide by their number)";
        }
        if (needsNegatives && negatives == 0) {
            return metric + " is undefined: category '" + category + "' has no normal pixels"
                    + " (the false-positive rate divides by their number)";
        }
        return null;
    }
}

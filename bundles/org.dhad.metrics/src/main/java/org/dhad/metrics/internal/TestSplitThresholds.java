package org.dhad.metrics.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.dhad.api.metric.EvaluationData;
import org.dhad.api.metric.MetricException;
import org.dhad.api.metric.OperatingPoint;
import org.dhad.api.metric.ScoreThresholds;
import org.dhad.api.metric.ThresholdSelection;
import org.osgi.service.component.annotations.Component;

/**
 * The {@link ThresholdSelection}: reads the same rankings as the metrics (the pixel {@link ScoreRanking} of
 * the category and the {@link ImageScores} ranking), so choosing thresholds after the metrics sorts nothing.
 */
@Component(service = ThresholdSelection.class)
public final class TestSplitThresholds implements ThresholdSelection {

    @Override
    public Thresholds select(EvaluationData data, List<Double> goodRates) throws MetricException {
        for (double rate : goodRates) {
            if (!(rate > 0 && rate < 1)) {
                throw new IllegalArgumentException("Good rate " + rate + ": expected a share between 0 and 1");
            }
        }
        return new Thresholds(choose(ImageScores.ranking(data), goodRates, "images"),
                choose(ScoreRanking.of(data), goodRates, "pixels"));
    }

    /** The F1-optimal and good-rate thresholds of one ranking; {@code items} names what is ranked, for notes. */
    static ScoreThresholds choose(ScoreRanking ranking, List<Double> goodRates, String items) {
        int n = ranking.size();
        if (n == 0) {
            return new ScoreThresholds(null, Map.of(), Double.NaN, Double.NaN, "no " + items + " to choose from");
        }
        long positives = ranking.positives();
        long negatives = ranking.negatives();
        OperatingPoint best = null;
        if (positives > 0) {
            double bestF1 = -1;
            for (int k = 0; k < n; k++) {
                // 2TP / (TP + FP + P) = 2TP / (2TP + FP + FN); strictly larger keeps the highest of equal thresholds.
                double f1 = 2.0 * ranking.truePositives(k) / (ranking.truePositives(k) + ranking.falsePositives(k)
                        + positives);
                if (f1 > bestF1) {
                    bestF1 = f1;
                    best = point(ranking, k);
                }
            }
        }
        Map<Double, OperatingPoint> rates = new LinkedHashMap<>();
        if (negatives > 0) {
            for (double rate : goodRates) {
                // fp(k) grows with k: the last k within the budget is the lowest threshold within it.
                int k = -1;
                while (k + 1 < n && ranking.falsePositives(k + 1) <= rate * negatives) {
                    k++;
                }
                rates.put(rate, point(ranking, k));
            }
        }
        String note = positives == 0 ? "no anomalous " + items + ": no F1-optimal threshold"
                : negatives == 0 ? "no good " + items + ": no good-rate threshold" : "";
        return new ScoreThresholds(best, rates, ranking.threshold(n - 1), ranking.threshold(0), note);
    }

    /**
     * The point flagging exactly the items scoring at or above {@code threshold(k)} (none for {@code k = -1}), its
     * threshold halfway to the next distinct score.
     */
    private static OperatingPoint point(ScoreRanking ranking, int k) {
        int n = ranking.size();
        double threshold;
        if (k < 0) {
            double top = ranking.threshold(0);
            threshold = top + (n > 1 ? (top - ranking.threshold(1)) / 2 : 0.5);
        } else if (k + 1 < n) {
            threshold = ((double) ranking.threshold(k) + ranking.threshold(k + 1)) / 2;
        } else {
            double bottom = ranking.threshold(k);
            threshold = bottom - (n > 1 ? (ranking.threshold(k - 1) - bottom) / 2 : 0.5);
        }
        long tp = k < 0 ? 0 : ranking.truePositives(k);
        long fp = k < 0 ? 0 : ranking.falsePositives(k);
        return new OperatingPoint(threshold, tp, fp, ranking.positives() - tp, ranking.negatives() - fp);
    }
}

package org.dhad.metrics.internal;

import org.dhad.api.Provider;
import org.dhad.api.metric.EvaluationData;
import org.dhad.api.metric.Metric;
import org.dhad.api.metric.MetricResult;
import org.osgi.service.component.annotations.Component;

/**
 * Largest F1 over all distinct thresholds, F1 = 2TP / (TP + FP + P) (the same as 2PR/(P+R) wherever
 * that is defined, and 0 where TP = 0). All scores equal gives 2P/(2P+N); NaN with a note when there
 * are no anomalous pixels (recall is undefined).
 */
@Component(service = Metric.class, property = Provider.ID_PROPERTY + "=" + PixelF1Max.ID)
public final class PixelF1Max extends RankingMetric {

    static final String ID = "pixel-f1max";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String displayName() {
        return "Pixel F1-max";
    }

    @Override
    public String description() {
        return "Best F1 score of anomalous-pixel detection over all thresholds, pixels pooled per category; "
                + "the F1 a well-chosen threshold would give.";
    }

    @Override
    public boolean higherIsBetter() {
        return true;
    }

    @Override
    String undefinedBecause(long positives, long negatives, String category) {
        return missingClass(displayName(), positives, negatives, category, true, false);
    }

    @Override
    MetricResult evaluate(EvaluationData data, ScoreRanking ranking) {
        // Plot order: threshold rising. The maximum is taken in the curve's first walk, over every threshold.
        CurveSampler sampler = new CurveSampler("Threshold", "F1");
        double best = 0;
        for (int k = ranking.size() - 1; k >= 0; k--) {
            double f1 = f1(ranking, k);
            best = Math.max(best, f1);
            sampler.measure(ranking.threshold(k), f1);
        }
        for (int k = ranking.size() - 1; k >= 0; k--) {
            sampler.offer(ranking.threshold(k), f1(ranking, k));
        }
        return MetricResult.of(ID, best, sampler.curve());
    }

    private static double f1(ScoreRanking ranking, int k) {
        long tp = ranking.truePositives(k);
        return 2.0 * tp / (tp + ranking.falsePositives(k) + (long) ranking.positives());
    }
}

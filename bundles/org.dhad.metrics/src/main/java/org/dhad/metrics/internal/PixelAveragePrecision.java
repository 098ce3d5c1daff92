package org.dhad.metrics.internal;

import org.dhad.api.Provider;
import org.dhad.api.metric.EvaluationData;
import org.dhad.api.metric.Metric;
import org.dhad.api.metric.MetricResult;
import org.osgi.service.component.annotations.Component;

/**
 * Non-interpolated average precision, as scikit-learn's {@code average_precision_score}: the sum over
 * distinct thresholds (descending) of the recall gained there times the precision there. All scores
 * equal gives the anomalous fraction; no normal pixels gives 1; NaN with a note when there are no
 * anomalous pixels (recall is undefined).
 */
@Component(service = Metric.class, property = Provider.ID_PROPERTY + "=" + PixelAveragePrecision.ID)
public final class PixelAveragePrecision extends RankingMetric {

    static final String ID = "pixel-ap";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String displayName() {
        return "Pixel AP";
    }

    @Override
    public String description() {
        return "Average precision (area under the precision-recall curve, non-interpolated) of all test pixels "
                + "of a category pooled; chance level is the fraction of anomalous pixels.";
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
        // Plot order: recall rising from (0, 1), scikit-learn's end point. The value is summed in the
        // curve's first walk, exactly, over every threshold.
        CurveSampler sampler = new CurveSampler("Recall", "Precision");
        sampler.measure(0, 1);
        double sum = 0;
        long previousTp = 0;
        for (int k = 0; k < ranking.size(); k++) {
            long tp = ranking.truePositives(k);
            double precision = precision(ranking, k);
            sum += (tp - previousTp) * precision;
            previousTp = tp;
            sampler.measure(ranking.tpr(k), precision);
        }
        double ap = sum / ranking.positives();
        sampler.offer(0, 1);
        for (int k = 0; k < ranking.size(); k++) {
            sampler.offer(ranking.tpr(k), precision(ranking, k));
        }
        return MetricResult.of(ID, ap, sampler.curve());
    }

    private static double precision(ScoreRanking ranking, int k) {
        return (double) ranking.truePositives(k) / (ranking.truePositives(k) + ranking.falsePositives(k));
    }
}

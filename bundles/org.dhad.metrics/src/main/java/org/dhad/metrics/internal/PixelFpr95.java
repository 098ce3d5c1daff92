package org.dhad.metrics.internal;

import org.dhad.api.Provider;
import org.dhad.api.metric.EvaluationData;
import org.dhad.api.metric.Metric;
import org.dhad.api.metric.MetricResult;
import org.osgi.service.component.annotations.Component;

/**
 * False-positive rate at the first ROC point, thresholds descending with all distinct scores kept,
 * whose true-positive rate reaches 0.95 (TPR computed as TP/P in double, as scikit-learn does).
 * Lower is better. All scores equal gives 1.0; NaN with a note when a class is missing.
 */
@Component(service = Metric.class, property = Provider.ID_PROPERTY + "=" + PixelFpr95.ID)
public final class PixelFpr95 extends RankingMetric {

    static final String ID = "pixel-fpr95";
    private static final double TARGET_TPR = 0.95;

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String displayName() {
        return "Pixel FPR95";
    }

    @Override
    public String description() {
        return "Fraction of normal pixels flagged at the highest threshold that detects 95% of anomalous "
                + "pixels (pixels pooled per category). Lower is better.";
    }

    @Override
    public boolean higherIsBetter() {
        return false;
    }

    @Override
    MetricResult evaluate(EvaluationData data, ScoreRanking ranking) {
        int k = 0;
        // The last threshold takes every pixel, so TPR reaches 1 there and the loop ends in range.
        while (ranking.tpr(k) < TARGET_TPR) {
            k++;
        }
        return MetricResult.of(ID, ranking.fpr(k), RocCurve.curve(ranking));
    }
}

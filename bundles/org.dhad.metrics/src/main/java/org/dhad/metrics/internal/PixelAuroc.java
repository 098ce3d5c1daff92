package org.dhad.metrics.internal;

import org.dhad.api.Provider;
import org.dhad.api.metric.EvaluationData;
import org.dhad.api.metric.Metric;
import org.dhad.api.metric.MetricResult;
import org.osgi.service.component.annotations.Component;

/**
 * Pixel-level AUROC over all pixels of a category pooled, anomalous pixels positive; equal scores are
 * one threshold (they count half across classes). All scores equal gives 0.5; NaN with a note when
 * the category has no anomalous or no normal pixels.
 */
@Component(service = Metric.class, property = Provider.ID_PROPERTY + "=" + PixelAuroc.ID)
public final class PixelAuroc extends RankingMetric {

    static final String ID = "pixel-auroc";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String displayName() {
        return "Pixel AUROC";
    }

    @Override
    public String description() {
        return "Area under the ROC curve of all test pixels of a category pooled, anomalous pixels positive; "
                + "0.5 is chance, 1 a perfect separation. Insensitive to class imbalance.";
    }

    @Override
    public boolean higherIsBetter() {
        return true;
    }

    @Override
    MetricResult evaluate(EvaluationData data, ScoreRanking ranking) {
        return MetricResult.of(ID, RocCurve.area(ranking), RocCurve.curve(ranking));
    }
}

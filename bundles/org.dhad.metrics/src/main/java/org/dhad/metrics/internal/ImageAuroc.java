package org.dhad.metrics.internal;

import java.util.Optional;

import org.dhad.api.Provider;
import org.dhad.api.metric.EvaluationData;
import org.dhad.api.metric.Metric;
import org.dhad.api.metric.MetricException;
import org.dhad.api.metric.MetricResult;
import org.osgi.service.component.annotations.Component;

/**
 * Image-level AUROC: an image's score is {@link org.dhad.api.metric.ScoreMap#imageScore()} (the maximum of
 * its map), its label is whether its mask has
 * any anomalous pixel. Ties count half as in {@link PixelAuroc}. NaN with a note when the category
 * has no anomalous or no good image; {@link MetricException} naming the image and pixel for a NaN or
 * infinite score.
 */
@Component(service = Metric.class, property = Provider.ID_PROPERTY + "=" + ImageAuroc.ID)
public final class ImageAuroc implements Metric {

    static final String ID = "image-auroc";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String displayName() {
        return "Image AUROC";
    }

    @Override
    public String description() {
        return "Image-level AUROC for telling defective from good images, an image scoring the maximum of its "
                + "anomaly map; 0.5 is chance.";
    }

    @Override
    public boolean higherIsBetter() {
        return true;
    }

    @Override
    public MetricResult compute(EvaluationData data) throws MetricException {
        ScoreRanking ranking = ImageScores.ranking(data);
        int images = data.maps().size();
        long anomalous = ranking.positives();
        String reason = images == 0
                ? displayName() + " is undefined: category '" + data.category() + "' has no images"
                : anomalous == 0 ? displayName() + " is undefined: category '" + data.category()
                        + "' has no anomalous image (no mask with an anomalous pixel)"
                : anomalous == images ? displayName() + " is undefined: category '" + data.category()
                        + "' has no good image (every mask has anomalous pixels)"
                : null;
        if (reason != null) {
            return new MetricResult(ID, Double.NaN, Optional.empty(), reason);
        }
        return MetricResult.of(ID, RocCurve.area(ranking), RocCurve.curve(ranking));
    }
}

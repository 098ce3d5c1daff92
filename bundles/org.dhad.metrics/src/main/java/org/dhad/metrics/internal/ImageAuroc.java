package org.dhad.metrics.internal;

import java.util.List;
import java.util.Optional;

import org.dhad.api.Provider;
import org.dhad.api.data.Mask;
import org.dhad.api.metric.EvaluationData;
import org.dhad.api.metric.Metric;
import org.dhad.api.metric.MetricException;
import org.dhad.api.metric.MetricResult;
import org.dhad.api.metric.ScoreMap;
import org.osgi.service.component.annotations.Component;

/**
 * Image-level AUROC: an image's score is the maximum of its map, its label is whether its mask has
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
        List<ScoreMap> maps = data.maps();
        float[] maxima = new float[maps.size()];
        byte[] labels = new byte[maps.size()];
        long anomalous = 0;
        for (int m = 0; m < maps.size(); m++) {
            maxima[m] = maximum(maps.get(m), data.category());
            labels[m] = (byte) (hasAnomaly(maps.get(m).truth()) ? 1 : 0);
            anomalous += labels[m];
        }
        String reason = maps.isEmpty()
                ? displayName() + " is undefined: category '" + data.category() + "' has no images"
                : anomalous == 0 ? displayName() + " is undefined: category '" + data.category()
                        + "' has no anomalous image (no mask with an anomalous pixel)"
                : anomalous == maps.size() ? displayName() + " is undefined: category '" + data.category()
                        + "' has no good image (every mask has anomalous pixels)"
                : null;
        if (reason != null) {
            return new MetricResult(ID, Double.NaN, Optional.empty(), reason);
        }
        ScoreMap images = new ScoreMap(data.category() + " image maxima", "", maxima,
                new Mask(maxima.length, 1, labels));
        ScoreRanking ranking = RankingBuilder.build(List.of(images), data.category());
        return MetricResult.of(ID, RocCurve.area(ranking), RocCurve.curve(ranking));
    }

    private static boolean hasAnomaly(Mask mask) {
        for (byte p : mask.pixels()) {
            if (p != 0) {
                return true;
            }
        }
        return false;
    }

    private static float maximum(ScoreMap map, String category) throws MetricException {
        float[] scores = map.scores();
        float max = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < scores.length; i++) {
            float s = scores[i];
            if (!(Math.abs(s) <= Float.MAX_VALUE)) {
                throw new MetricException(RankingBuilder.nonFinite(map, i) + " in category '" + category
                        + "'; metrics need finite scores");
            }
            max = Math.max(max, s);
        }
        return max;
    }
}

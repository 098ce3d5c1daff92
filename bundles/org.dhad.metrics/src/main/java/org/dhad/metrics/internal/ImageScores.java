package org.dhad.metrics.internal;

import java.util.List;

import org.dhad.api.data.Mask;
import org.dhad.api.metric.EvaluationData;
import org.dhad.api.metric.MetricException;
import org.dhad.api.metric.ScoreMap;

/**
 * The images of a category ranked by {@link ScoreMap#imageScore()}, an image being anomalous when its mask
 * has an anomalous pixel: what image AUROC and the image thresholds read. Built once per
 * {@link EvaluationData} and shared.
 */
final class ImageScores {

    private ImageScores() {
    }

    /**
     * @throws MetricException naming the image and pixel of a NaN or infinite score
     */
    static ScoreRanking ranking(EvaluationData data) throws MetricException {
        try {
            return data.derived(ImageScores.class, d -> {
                try {
                    return build(d);
                } catch (MetricException e) {
                    throw new ScoreRanking.Carrier(e);
                }
            });
        } catch (ScoreRanking.Carrier c) {
            throw c.cause;
        }
    }

    private static ScoreRanking build(EvaluationData data) throws MetricException {
        List<ScoreMap> maps = data.maps();
        float[] scores = new float[maps.size()];
        byte[] labels = new byte[maps.size()];
        for (int m = 0; m < maps.size(); m++) {
            ScoreMap map = maps.get(m);
            float[] pixels = map.scores();
            for (int i = 0; i < pixels.length; i++) {
                if (!(Math.abs(pixels[i]) <= Float.MAX_VALUE)) {
                    throw new MetricException(RankingBuilder.nonFinite(map, i) + " in category '" + data.category()
                            + "'; metrics need finite scores");
                }
            }
            scores[m] = map.imageScore();
            labels[m] = (byte) (map.truth().count() > 0 ? 1 : 0);
        }
        if (maps.isEmpty()) {
            return RankingBuilder.build(List.of(), data.category());
        }
        ScoreMap images = new ScoreMap(data.category() + " image scores", "", scores,
                new Mask(scores.length, 1, labels));
        return RankingBuilder.build(List.of(images), data.category());
    }
}

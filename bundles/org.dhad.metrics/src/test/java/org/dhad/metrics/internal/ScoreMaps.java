package org.dhad.metrics.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.dhad.api.data.Mask;
import org.dhad.api.metric.EvaluationData;
import org.dhad.api.metric.ScoreMap;

/** Builds evaluation data for tests from flat arrays or stacked maps. */
final class ScoreMaps {

    private ScoreMaps() {
    }

    /** One 1-pixel-high map holding all values. */
    static EvaluationData flat(String name, float[] scores, byte[] labels) {
        return new EvaluationData(name, List.of(new ScoreMap(name + "/0", "flat", scores,
                new Mask(scores.length, 1, labels))));
    }

    /** {@code n} maps of {@code h x w}, row-major one after another. */
    static EvaluationData stacked(String name, float[] scores, byte[] masks, int n, int h, int w) {
        List<ScoreMap> maps = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int from = i * h * w;
            byte[] mask = Arrays.copyOfRange(masks, from, from + h * w);
            boolean defect = false;
            for (byte b : mask) {
                defect |= b != 0;
            }
            maps.add(new ScoreMap(name + "/" + i, defect ? "defect" : "good",
                    Arrays.copyOfRange(scores, from, from + h * w), new Mask(w, h, mask)));
        }
        return new EvaluationData(name, maps);
    }

    static float[] floats(double... values) {
        float[] f = new float[values.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) values[i];
        }
        return f;
    }

    static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }
}

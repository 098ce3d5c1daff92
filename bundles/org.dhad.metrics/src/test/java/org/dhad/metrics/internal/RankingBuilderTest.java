package org.dhad.metrics.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.dhad.api.data.Mask;
import org.dhad.api.metric.MetricException;
import org.dhad.api.metric.ScoreMap;
import org.junit.jupiter.api.Test;

/**
 * The bucketed ranking equals one made by plainly sorting each class's scores, on data shaped to hit
 * every path: dense and sparse buckets, negative scores, -0.0, extreme magnitudes, and enough pixels
 * to be split across threads in the middle of maps.
 */
class RankingBuilderTest {

    @Test
    void keysOrderLikeFloats() {
        float[] values = {Float.NEGATIVE_INFINITY, -Float.MAX_VALUE, -1e9f, -1f, -Float.MIN_VALUE, 0f,
            Float.MIN_VALUE, 1e-30f, 0.5f, 0.50000006f, 1f, Float.MAX_VALUE, Float.POSITIVE_INFINITY};
        for (int i = 0; i < values.length; i++) {
            assertEquals(values[i], RankingBuilder.score(RankingBuilder.key(values[i])), 0f, "round trip " + values[i]);
            if (i > 0) {
                assertTrue(Integer.compareUnsigned(RankingBuilder.key(values[i - 1]), RankingBuilder.key(values[i])) < 0,
                        "key order " + values[i - 1] + " < " + values[i]);
            }
        }
        assertEquals(RankingBuilder.key(0f), RankingBuilder.key(-0f), "-0.0 and 0.0 share a key");
    }

    @Test
    void smallMixedData() throws MetricException {
        checkAgainstSort(maps(new Random(7), 5, 31, 17), "small");
    }

    @Test
    void largeDataSplitAcrossThreads() throws MetricException {
        // 1.3 M pixels in maps of 65,536: over the parallel threshold, segments cut inside maps.
        checkAgainstSort(maps(new Random(11), 20, 256, 256), "large");
    }

    private static List<ScoreMap> maps(Random random, int count, int h, int w) {
        List<ScoreMap> maps = new ArrayList<>();
        for (int m = 0; m < count; m++) {
            float[] scores = new float[h * w];
            byte[] mask = new byte[h * w];
            for (int i = 0; i < scores.length; i++) {
                mask[i] = (byte) (random.nextInt(10) == 0 ? 1 : 0);
                double u = random.nextDouble();
                scores[i] = switch (m % 5) {
                    case 0 -> Math.round(random.nextGaussian() * 64 + 40 * mask[i]) / 64f; // heavy ties
                    case 1 -> (float) (random.nextGaussian() + mask[i]); // dense, negative too
                    case 2 -> (float) Math.scalb(u, random.nextInt(200) - 100); // sparse over exponents
                    case 3 -> u < 0.3 ? -0.0f : u < 0.6 ? 0.0f : (float) u; // signed zeros
                    default -> (float) (1 / (1 + Math.exp(-8 * (random.nextGaussian() + mask[i])))); // sigmoid
                };
            }
            maps.add(new ScoreMap("m" + m, "x", scores, new Mask(w, h, mask)));
        }
        return maps;
    }

    private static void checkAgainstSort(List<ScoreMap> maps, String what) throws MetricException {
        ScoreRanking ranking = RankingBuilder.build(maps, what);
        // Reference: both classes' scores sorted descending, merged into distinct scores with counts.
        int n = maps.stream().mapToInt(m -> m.scores().length).sum();
        float[] pos = new float[n];
        float[] neg = new float[n];
        int p = 0;
        int q = 0;
        for (ScoreMap map : maps) {
            for (int i = 0; i < map.scores().length; i++) {
                float s = map.scores()[i] + 0.0f;
                if (map.truth().pixels()[i] != 0) {
                    pos[p++] = s;
                } else {
                    neg[q++] = s;
                }
            }
        }
        pos = Arrays.copyOf(pos, p);
        neg = Arrays.copyOf(neg, q);
        Arrays.sort(pos);
        Arrays.sort(neg);
        assertEquals(p, ranking.positives(), what + ": positives");
        assertEquals(q, ranking.negatives(), what + ": negatives");
        int i = p - 1;
        int j = q - 1;
        int k = 0;
        int tp = 0;
        int fp = 0;
        while (i >= 0 || j >= 0) {
            float t = i < 0 ? neg[j] : j < 0 ? pos[i] : Math.max(pos[i], neg[j]);
            while (i >= 0 && pos[i] == t) {
                tp++;
                i--;
            }
            while (j >= 0 && neg[j] == t) {
                fp++;
                j--;
            }
            assertEquals(t, ranking.threshold(k), 0f, what + ": threshold " + k);
            assertEquals(tp, ranking.truePositives(k), what + ": TP at " + k);
            assertEquals(fp, ranking.falsePositives(k), what + ": FP at " + k);
            assertEquals(k, ranking.indexOf(t), what + ": indexOf " + t);
            k++;
        }
        assertEquals(k, ranking.size(), what + ": distinct scores");
    }
}

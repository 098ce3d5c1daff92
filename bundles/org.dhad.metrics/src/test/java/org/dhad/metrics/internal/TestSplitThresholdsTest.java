package org.dhad.metrics.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;

import org.dhad.api.data.Mask;
import org.dhad.api.metric.EvaluationData;
import org.dhad.api.metric.MetricException;
import org.dhad.api.metric.OperatingPoint;
import org.dhad.api.metric.ScoreMap;
import org.dhad.api.metric.ScoreThresholds;
import org.dhad.api.metric.ThresholdSelection.Thresholds;
import org.junit.jupiter.api.Test;

/**
 * The chosen thresholds against their definitions recounted the slow way: the F1-optimal threshold (the highest
 * among equal F1) and, per good rate r, the lowest threshold flagging at most r of the good items; each must flag
 * exactly the items at or above one distinct test score and lie strictly between it and the next lower one.
 */
class TestSplitThresholdsTest {

    private static final List<Double> RATES = List.of(0.01, 0.2, 0.5);

    @Test
    void imageThresholdsOfAHandMadeCategory() throws MetricException {
        // Image scores (maxima) 0.9 d, 0.8 g, 0.7 d, 0.7 g, 0.4 d, 0.2 g, 0.1 g.
        List<ScoreMap> maps = new ArrayList<>();
        double[][] images = {{0.9, 1}, {0.8, 0}, {0.7, 1}, {0.7, 0}, {0.4, 1}, {0.2, 0}, {0.1, 0}};
        for (int i = 0; i < images.length; i++) {
            float top = (float) images[i][0];
            byte[] truth = {0, (byte) images[i][1], 0, 0};
            maps.add(new ScoreMap("c/" + i, images[i][1] > 0 ? "crack" : "good", new float[] {top / 2, top, 0, top / 3},
                    new Mask(2, 2, truth)));
        }
        Thresholds t = new TestSplitThresholds().select(new EvaluationData("c", maps), RATES);
        OperatingPoint f1 = t.image().bestF1();
        // Flag >= 0.4: TP 3, FP 2 -> F1 6/8; >= 0.2: 6/9; >= 0.7: TP 2, FP 2 -> 4/7. Best: >= 0.4, halfway to 0.2.
        assertEquals(3, f1.truePositives(), "true positives at the F1 threshold");
        assertEquals(2, f1.falsePositives(), "false positives at the F1 threshold");
        assertEquals(2.0 * 3 / (6 + 2), f1.f1(), 1e-12, "F1 at the F1 threshold");
        assertEquals(0.3, f1.threshold(), 1e-6, "halfway between 0.4 and 0.2");
        // 4 good images: 1 % and 20 % allow none of them flagged (>= 0.9 flags one defective image), 50 % two (>= 0.4).
        assertEquals(0.85, t.image().goodRates().get(0.01).threshold(), 1e-6, "no good image flagged at 1 %");
        assertEquals(1, t.image().goodRates().get(0.2).flagged(), "one (defective) image flagged at 20 %");
        assertEquals(0.3, t.image().goodRates().get(0.5).threshold(), 1e-6, "two of four good flagged at 50 %");
        assertEquals(2, t.image().goodRates().get(0.5).falsePositives(), "two of four good flagged at 50 %");
        assertEquals(0.1, t.image().low(), 1e-6, "lowest image score");
        assertEquals(0.9, t.image().high(), 1e-6, "highest image score");
        check(t.pixel(), pooled(maps), "pixels of the hand-made category");
    }

    @Test
    void ofEqualF1TheHighestThresholdIsKept() throws MetricException {
        // Image scores 0.9 d, 0.8 g, 0.7 g, 0.6 d, 0.1 g: flagging >= 0.9 (TP 1, FP 0) and >= 0.6 (TP 2, FP 2) both
        // give F1 2/3; the higher threshold flags fewer good images.
        double[][] images = {{0.9, 1}, {0.8, 0}, {0.7, 0}, {0.6, 1}, {0.1, 0}};
        List<ScoreMap> maps = new ArrayList<>();
        for (int i = 0; i < images.length; i++) {
            maps.add(new ScoreMap("t/" + i, "x", new float[] {(float) images[i][0]},
                    new Mask(1, 1, new byte[] {(byte) images[i][1]})));
        }
        OperatingPoint f1 = new TestSplitThresholds().select(new EvaluationData("t", maps), RATES).image().bestF1();
        assertEquals(0.85, f1.threshold(), 1e-6, "halfway between 0.9 and 0.8");
        assertEquals(0, f1.falsePositives(), "no good image flagged");
    }

    @Test
    void pixelAndImageThresholdsMatchBruteForceOnTiedRandomData() throws MetricException {
        Random random = new Random(11);
        for (int trial = 0; trial < 5; trial++) {
            List<ScoreMap> maps = new ArrayList<>();
            for (int m = 0; m < 6 + random.nextInt(10); m++) {
                boolean defective = random.nextBoolean();
                int w = 5;
                int h = 4;
                float[] scores = new float[w * h];
                byte[] truth = new byte[w * h];
                for (int i = 0; i < scores.length; i++) {
                    truth[i] = (byte) (defective && random.nextDouble() < 0.3 ? 1 : 0);
                    scores[i] = (float) Math.floor((random.nextGaussian() + truth[i]) * 6) / 6;
                }
                maps.add(new ScoreMap("r/" + m, defective ? "d" : "good", scores, new Mask(w, h, truth)));
            }
            Thresholds t = new TestSplitThresholds().select(new EvaluationData("r", maps), RATES);
            check(t.pixel(), pooled(maps), "pixels, trial " + trial);
            float[][] images = new float[2][maps.size()];
            for (int m = 0; m < maps.size(); m++) {
                images[0][m] = maps.get(m).imageScore();
                images[1][m] = maps.get(m).truth().count() > 0 ? 1 : 0;
            }
            check(t.image(), images, "images, trial " + trial);
        }
    }

    /** Scores and labels (as 0/1 floats) of all pixels. */
    private static float[][] pooled(List<ScoreMap> maps) {
        int n = maps.stream().mapToInt(m -> m.scores().length).sum();
        float[][] out = new float[2][n];
        int at = 0;
        for (ScoreMap m : maps) {
            for (int i = 0; i < m.scores().length; i++, at++) {
                out[0][at] = m.scores()[i];
                out[1][at] = m.truth().pixels()[i];
            }
        }
        return out;
    }

    private static void check(ScoreThresholds chosen, float[][] items, String what) {
        float[] s = items[0];
        TreeSet<Float> distinct = new TreeSet<>();
        long positives = 0;
        for (int i = 0; i < s.length; i++) {
            distinct.add(s[i]);
            positives += (long) items[1][i];
        }
        long negatives = s.length - positives;
        double bestF1 = -1;
        float bestAt = Float.NaN;
        for (float t : distinct.descendingSet()) {
            long[] c = count(items, t);
            double f1 = 2.0 * c[0] / (2 * c[0] + c[1] + (positives - c[0]));
            if (f1 > bestF1) {
                bestF1 = f1;
                bestAt = t;
            }
        }
        assertEquals(bestF1, chosen.bestF1().f1(), 1e-12, what + ": largest F1");
        same(chosen.bestF1(), items, bestAt, distinct, what + ": F1 threshold");
        for (double rate : RATES) {
            float lowest = Float.POSITIVE_INFINITY;
            for (float t : distinct) {
                if (count(items, t)[1] <= rate * negatives) {
                    lowest = Math.min(lowest, t);
                }
            }
            OperatingPoint p = chosen.goodRates().get(rate);
            assertTrue(p.flaggedGoodShare() <= rate, what + ": at most " + rate + " of good flagged");
            same(p, items, lowest, distinct, what + ": good rate " + rate);
        }
    }

    /** {@code p} flags exactly what {@code >= at} flags and lies between {@code at} and the next lower score. */
    private static void same(OperatingPoint p, float[][] items, float at, TreeSet<Float> distinct, String what) {
        long[] c = count(items, at);
        assertEquals(c[0], p.truePositives(), what + ": true positives");
        assertEquals(c[1], p.falsePositives(), what + ": false positives");
        assertEquals(c[0] + p.falseNegatives(), count(items, Float.NEGATIVE_INFINITY)[0], what + ": false negatives");
        assertEquals(c[1] + p.trueNegatives(), count(items, Float.NEGATIVE_INFINITY)[1], what + ": true negatives");
        assertTrue(p.threshold() <= at, what + ": threshold " + p.threshold() + " at most " + at);
        Float lower = distinct.lower(at);
        if (lower != null) {
            assertTrue(p.threshold() > lower, what + ": threshold " + p.threshold() + " above the next score " + lower);
        }
    }

    /** Anomalous and good items scoring at or above {@code t}. */
    private static long[] count(float[][] items, float t) {
        long[] c = new long[2];
        for (int i = 0; i < items[0].length; i++) {
            if (items[0][i] >= t) {
                c[items[1][i] > 0 ? 0 : 1]++;
            }
        }
        return c;
    }
}

package org.dhad.metrics.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.Random;
import java.util.TreeSet;

import org.dhad.api.metric.EvaluationData;
import org.dhad.api.metric.MetricException;
import org.junit.jupiter.api.Test;

/**
 * The linear-time metrics against their textbook definitions computed the slow way: AUROC as the
 * fraction of (anomalous, normal) pairs ordered right with ties counting half; AP, FPR95 and F1-max
 * by recounting the pixels at every threshold.
 */
class BruteForceTest {

    @Test
    void metricsMatchDefinitionsOnTiedRandomData() throws MetricException {
        Random random = new Random(3);
        for (int trial = 0; trial < 5; trial++) {
            int n = 500 + random.nextInt(1500);
            float[] scores = new float[n];
            byte[] labels = new byte[n];
            int levels = 3 + random.nextInt(60);
            for (int i = 0; i < n; i++) {
                labels[i] = (byte) (random.nextDouble() < 0.1 + 0.1 * trial ? 1 : 0);
                scores[i] = (float) Math.floor((random.nextGaussian() + 0.8 * labels[i]) * levels / 4) / levels;
            }
            check(scores, labels, "trial " + trial);
        }
    }

    private static void check(float[] s, byte[] y, String what) throws MetricException {
        long pairs = 0;
        long twiceCorrect = 0;
        int positives = 0;
        for (int i = 0; i < s.length; i++) {
            positives += y[i];
            for (int j = 0; j < s.length; j++) {
                if (y[i] == 1 && y[j] == 0) {
                    pairs++;
                    twiceCorrect += s[i] > s[j] ? 2 : s[i] == s[j] ? 1 : 0;
                }
            }
        }
        double ap = 0;
        double f1 = 0;
        double fpr95 = Double.NaN;
        double previousRecall = 0;
        for (float t : new TreeSet<Float>(toList(s)).descendingSet()) {
            int tp = 0;
            int fp = 0;
            for (int i = 0; i < s.length; i++) {
                if (s[i] >= t) {
                    tp += y[i];
                    fp += 1 - y[i];
                }
            }
            double precision = (double) tp / (tp + fp);
            double recall = (double) tp / positives;
            ap += (recall - previousRecall) * precision;
            previousRecall = recall;
            if (tp > 0) {
                f1 = Math.max(f1, 2 * precision * recall / (precision + recall));
            }
            if (Double.isNaN(fpr95) && recall >= 0.95) {
                fpr95 = (double) fp / (s.length - positives);
            }
        }
        EvaluationData data = ScoreMaps.flat(what, s, y);
        assertEquals(twiceCorrect / (2.0 * pairs), new PixelAuroc().compute(data).value(), 1e-12, what + " AUROC");
        assertEquals(ap, new PixelAveragePrecision().compute(data).value(), 1e-12, what + " AP");
        assertEquals(f1, new PixelF1Max().compute(data).value(), 1e-12, what + " F1-max");
        assertEquals(fpr95, new PixelFpr95().compute(data).value(), 0, what + " FPR95");
        // When every anomalous pixel is its own region, PRO is the TPR: AUPRO up to FPR 1 is the AUROC.
        // Normal separator pixels keep anomalous neighbours apart in the one-row map.
        float[] spaced = new float[2 * s.length];
        byte[] spacedLabels = new byte[2 * s.length];
        for (int i = 0; i < s.length; i++) {
            spaced[2 * i] = s[i];
            spacedLabels[2 * i] = y[i];
            spaced[2 * i + 1] = Float.MAX_VALUE; // separator pixel: normal, ranked first
        }
        EvaluationData isolated = ScoreMaps.flat(what + " isolated", spaced, spacedLabels);
        double auroc = new PixelAuroc().compute(isolated).value();
        assertEquals(auroc, new PixelAupro(Map.of("fpr-limit", 1.0)).compute(isolated).value(), 1e-12,
                what + ": AUPRO at limit 1 with one-pixel regions equals AUROC");
    }

    private static java.util.List<Float> toList(float[] values) {
        java.util.List<Float> list = new java.util.ArrayList<>();
        for (float v : values) {
            list.add(v);
        }
        return list;
    }
}

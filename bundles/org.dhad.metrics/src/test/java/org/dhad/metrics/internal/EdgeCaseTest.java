package org.dhad.metrics.internal;

import static org.dhad.metrics.internal.ScoreMaps.bytes;
import static org.dhad.metrics.internal.ScoreMaps.floats;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.dhad.api.data.Mask;
import org.dhad.api.metric.EvaluationData;
import org.dhad.api.metric.Metric;
import org.dhad.api.metric.MetricException;
import org.dhad.api.metric.MetricResult;
import org.dhad.api.metric.ScoreMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Defined answers for degenerate data, through the registered services. */
class EdgeCaseTest {

    private static MetricServices services;
    private static final Map<String, Metric> METRICS = new HashMap<>();

    @BeforeAll
    static void findServices() throws Exception {
        services = new MetricServices();
        for (String id : MetricServices.IDS) {
            METRICS.put(id, services.get(id));
        }
    }

    @AfterAll
    static void close() {
        services.close();
    }

    private static MetricResult compute(String id, EvaluationData data) throws MetricException {
        return METRICS.get(id).compute(data);
    }

    /** Two 2x2 images: a good one and one with a 2-pixel defect. */
    private static EvaluationData twoImages(float[] good, float[] defect) {
        return new EvaluationData("pair", List.of(
                new ScoreMap("pair/good/0", "good", good, new Mask(2, 2, bytes(0, 0, 0, 0))),
                new ScoreMap("pair/crack/1", "crack", defect, new Mask(2, 2, bytes(0, 1, 0, 1)))));
    }

    @Test
    void noAnomalousPixelsGivesNaNWithNote() throws MetricException {
        EvaluationData data = ScoreMaps.stacked("clean", floats(0.1, 0.5, 0.9, 0.2, 0.3, 0.4, 0.7, 0.8),
                new byte[8], 2, 2, 2);
        for (String id : MetricServices.IDS) {
            MetricResult r = compute(id, data);
            assertTrue(Double.isNaN(r.value()), id + " without anomalous pixels: " + r.value());
            assertTrue(r.note().contains("'clean'") && r.note().contains("no anomalous"), id + " note: " + r.note());
            assertTrue(r.curve().isEmpty(), id + " has no curve");
        }
    }

    @Test
    void noNormalPixels() throws MetricException {
        EvaluationData data = ScoreMaps.flat("all-bad", floats(0.1, 0.2, 0.2), bytes(1, 1, 1));
        for (String id : List.of("pixel-auroc", "pixel-fpr95", "pixel-aupro")) {
            MetricResult r = compute(id, data);
            assertTrue(Double.isNaN(r.value()) && r.note().contains("no normal pixels"), id + ": " + r);
        }
        assertEquals(1.0, compute("pixel-ap", data).value(), 1e-12, "AP: precision is 1 at every threshold");
        assertEquals(1.0, compute("pixel-f1max", data).value(), 1e-12, "F1 when everything is anomalous");
        assertTrue(compute("image-auroc", data).note().contains("no good image"), "image-auroc note");
    }

    @Test
    void noMapsAtAll() throws MetricException {
        EvaluationData data = new EvaluationData("empty", List.of());
        for (String id : MetricServices.IDS) {
            MetricResult r = compute(id, data);
            assertTrue(Double.isNaN(r.value()) && r.note().contains("'empty' has no"), id + ": " + r);
        }
    }

    @Test
    void constantScores() throws MetricException {
        float[] scores = new float[40];
        java.util.Arrays.fill(scores, 0.25f);
        byte[] masks = new byte[40];
        masks[3] = masks[4] = masks[25] = masks[26] = masks[27] = 1; // 5 of 40 anomalous, two images
        EvaluationData data = ScoreMaps.stacked("flat", scores, masks, 4, 2, 5);
        assertEquals(0.5, compute("pixel-auroc", data).value(), 0, "AUROC of constant scores");
        assertEquals(1.0, compute("pixel-fpr95", data).value(), 0, "FPR95 of constant scores");
        assertEquals(5 / 40.0, compute("pixel-ap", data).value(), 1e-15, "AP = prevalence");
        assertEquals(2 * 5 / (2 * 5 + 35.0), compute("pixel-f1max", data).value(), 1e-15, "F1 = 2P/(2P+N)");
        // One threshold: (0,0) -> (1,1); PRO at FPR 0.3 is 0.3, area 0.045, over 0.3.
        assertEquals(0.15, compute("pixel-aupro", data).value(), 1e-12, "AUPRO of constant scores");
        assertEquals(0.5, compute("image-auroc", data).value(), 0, "image AUROC of constant maps");
    }

    @Test
    void perfectMapScoresOne() throws MetricException {
        EvaluationData data = twoImages(floats(0.1, 0.2, 0.3, 0.2), floats(0.0, 0.9, 0.1, 0.8));
        for (String id : List.of("pixel-auroc", "pixel-ap", "pixel-f1max", "pixel-aupro", "image-auroc")) {
            assertEquals(1.0, compute(id, data).value(), 1e-12, id + " of a perfect map");
        }
        assertEquals(0.0, compute("pixel-fpr95", data).value(), 0, "FPR95 of a perfect map");
    }

    @Test
    void invertedMapScoresZero() throws MetricException {
        EvaluationData data = twoImages(floats(0.9, 0.8, 0.7, 0.95), floats(0.6, 0.1, 0.65, 0.2));
        assertEquals(0.0, compute("pixel-auroc", data).value(), 0, "AUROC of an inverted map");
        assertEquals(1.0, compute("pixel-fpr95", data).value(), 0, "FPR95 of an inverted map");
        assertEquals(0.0, compute("pixel-aupro", data).value(), 0, "AUPRO: regions reached only at FPR 1");
        assertEquals(0.0, compute("image-auroc", data).value(), 0, "image AUROC: good image has the max");
        // AP: the 2 anomalous pixels come last: precisions 1/7 and 2/8 at recalls 1/2 and 1.
        assertEquals(0.5 / 7 + 0.5 * 2 / 8, compute("pixel-ap", data).value(), 1e-15, "AP of an inverted map");
    }

    @Test
    void negativeZeroTiesWithZero() throws MetricException {
        EvaluationData data = ScoreMaps.flat("zeros", floats(-0.0, 0.0, -1, 1), bytes(1, 0, 0, 1));
        assertEquals((1 + 1 + 1 + 0.5) / 4, compute("pixel-auroc", data).value(), 0, "-0.0 and 0.0 are one tie");
    }

    @Test
    void nanScoreNamesImageAndPixel() {
        float[] defect = floats(0.0, 0.9, 0.1, 0.8);
        defect[2] = Float.NaN;
        EvaluationData data = twoImages(floats(0.1, 0.2, 0.3, 0.2), defect);
        for (String id : MetricServices.IDS) {
            MetricException e = assertThrows(MetricException.class, () -> compute(id, data), id + " with a NaN");
            assertTrue(e.getMessage().contains("'pair/crack/1'") && e.getMessage().contains("NaN")
                    && e.getMessage().contains("(x=0, y=1)"), id + " message: " + e.getMessage());
        }
    }

    @Test
    void infiniteScoreNamesImageAndPixel() {
        EvaluationData data = twoImages(floats(0.1, 0.2, 0.3, Float.NEGATIVE_INFINITY), floats(0, 0.9, 0.1, 0.8));
        for (String id : MetricServices.IDS) {
            MetricException e = assertThrows(MetricException.class, () -> compute(id, data), id + " with -inf");
            assertTrue(e.getMessage().contains("'pair/good/0'") && e.getMessage().contains("infinite")
                    && e.getMessage().contains("(x=1, y=1)"), id + " message: " + e.getMessage());
        }
    }

    @Test
    void auproLimitIsASetting() throws MetricException {
        // Scores rank 1 normal pixel above the defect, then the rest: FPR 1/6 before the defect is found.
        EvaluationData data = twoImages(floats(0.1, 0.2, 0.95, 0.2), floats(0.0, 0.9, 0.1, 0.8));
        // Curve: (0,0) (1/6,0) (1/6,1/2) (1/6,1) then PRO stays 1.
        double full = new PixelAupro(Map.of("fpr-limit", 1.0)).compute(data).value();
        assertEquals(5 / 6.0, full, 1e-12, "AUPRO up to FPR 1");
        double half = new PixelAupro(Map.of("fpr-limit", 0.5)).compute(data).value();
        assertEquals((0.5 - 1 / 6.0) / 0.5, half, 1e-12, "AUPRO up to FPR 0.5");
        assertEquals(0.0, new PixelAupro(Map.of("fpr-limit", 0.1)).compute(data).value(), 0, "before any region");
    }
}

package org.dhad.losses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The two presets' terms, order and weights, as stated in METHOD.md. */
class LossPresetTest {

    @Test
    void paperIsEquationOne() {
        Map<String, Double> weights = LossPreset.PAPER.weights();
        assertEquals(List.of(LossTermIds.INLIER_POSTERIOR, LossTermIds.OUTLIER_POSTERIOR, LossTermIds.OUTLIER_ENERGY),
                List.copyOf(weights.keySet()), "paper terms in order");
        assertEquals(1.0, weights.get(LossTermIds.INLIER_POSTERIOR), "inlier posterior weight");
        assertEquals(0.03, weights.get(LossTermIds.OUTLIER_POSTERIOR), 1e-15, "outlier posterior weight β");
        assertEquals(0.03, weights.get(LossTermIds.OUTLIER_ENERGY), 1e-15, "outlier energy weight β");
        assertEquals(weights, LossPreset.PAPER.weights(true), "class labels change nothing in the paper preset");
    }

    @Test
    void denseHybridAddsSegmentationOnlyWithClassLabels() {
        Map<String, Double> without = LossPreset.DENSEHYBRID.weights(false);
        assertEquals(List.of(LossTermIds.DENSEHYBRID_BCE, LossTermIds.OUTLIER_ENERGY), List.copyOf(without.keySet()),
                "densehybrid terms without class labels");
        assertEquals(10 * LossPreset.BETA, without.get(LossTermIds.DENSEHYBRID_BCE), 1e-15, "bce weight 10β");
        assertEquals(0.3, without.get(LossTermIds.DENSEHYBRID_BCE), 0.0, "bce weight reads 0.3");
        assertEquals(LossPreset.BETA, without.get(LossTermIds.OUTLIER_ENERGY), 0.0, "energy weight β");
        assertEquals(without, LossPreset.DENSEHYBRID.weights(), "weights() is weights(false)");

        Map<String, Double> with = LossPreset.DENSEHYBRID.weights(true);
        assertEquals(List.of(LossTermIds.SEGMENTATION_CE, LossTermIds.DENSEHYBRID_BCE, LossTermIds.OUTLIER_ENERGY),
                List.copyOf(with.keySet()), "densehybrid terms with class labels");
        assertEquals(1.0, with.get(LossTermIds.SEGMENTATION_CE), "segmentation weight");
    }

    @Test
    void presetsAreFoundByIdAndUnmodifiable() {
        assertEquals(LossPreset.PAPER, LossPreset.fromId("paper"), "paper");
        assertEquals(LossPreset.DENSEHYBRID, LossPreset.fromId("densehybrid"), "densehybrid");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LossPreset.fromId("dense"));
        assertTrue(e.getMessage().contains("'dense'") && e.getMessage().contains("paper")
                && e.getMessage().contains("densehybrid"), "message names the id and the presets: " + e.getMessage());
        assertThrows(UnsupportedOperationException.class, () -> LossPreset.PAPER.weights().put("x", 1.0),
                "weights are unmodifiable");
        for (LossPreset preset : LossPreset.values()) {
            assertTrue(!preset.description().isBlank(), preset + " has a description");
        }
    }
}

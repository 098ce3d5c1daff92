package org.dhad.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The two presets' terms, order and weights, as stated in METHOD.md; ids as the losses bundle registers them. */
class LossPresetTest {

    @Test
    void paperIsEquationOne() {
        Map<String, Double> weights = LossPreset.PAPER.weights();
        assertEquals(List.of(LossPreset.INLIER_POSTERIOR, LossPreset.OUTLIER_POSTERIOR, LossPreset.OUTLIER_ENERGY),
                List.copyOf(weights.keySet()), "paper terms in order");
        assertEquals(1.0, weights.get(LossPreset.INLIER_POSTERIOR), "inlier posterior weight");
        assertEquals(0.03, weights.get(LossPreset.OUTLIER_POSTERIOR), 1e-15, "outlier posterior weight β");
        assertEquals(0.03, weights.get(LossPreset.OUTLIER_ENERGY), 1e-15, "outlier energy weight β");
        assertEquals(weights, LossPreset.PAPER.weights(LossPreset.BETA, true),
                "class labels change nothing in the paper preset");
    }

    @Test
    void denseHybridAddsSegmentationOnlyWithClassLabels() {
        Map<String, Double> without = LossPreset.DENSEHYBRID.weights(LossPreset.BETA, false);
        assertEquals(List.of(LossPreset.DENSEHYBRID_BCE, LossPreset.OUTLIER_ENERGY), List.copyOf(without.keySet()),
                "densehybrid terms without class labels");
        assertEquals(10 * LossPreset.BETA, without.get(LossPreset.DENSEHYBRID_BCE), 1e-15, "bce weight 10β");
        assertEquals(0.3, without.get(LossPreset.DENSEHYBRID_BCE), 0.0, "bce weight reads 0.3");
        assertEquals(LossPreset.BETA, without.get(LossPreset.OUTLIER_ENERGY), 0.0, "energy weight β");
        assertEquals(without, LossPreset.DENSEHYBRID.weights(), "weights() is weights(BETA, false)");

        Map<String, Double> with = LossPreset.DENSEHYBRID.weights(LossPreset.BETA, true);
        assertEquals(List.of(LossPreset.SEGMENTATION_CE, LossPreset.DENSEHYBRID_BCE, LossPreset.OUTLIER_ENERGY),
                List.copyOf(with.keySet()), "densehybrid terms with class labels");
        assertEquals(1.0, with.get(LossPreset.SEGMENTATION_CE), "segmentation weight");
    }

    @Test
    void betaIsAParameter() {
        assertEquals(Map.of(LossPreset.INLIER_POSTERIOR, 1.0, LossPreset.OUTLIER_POSTERIOR, 0.3,
                LossPreset.OUTLIER_ENERGY, 0.3), LossPreset.PAPER.weights(0.3), "paper with the demo's beta");
        assertEquals(3.0, LossPreset.DENSEHYBRID.weights(0.3).get(LossPreset.DENSEHYBRID_BCE), 0.0, "10 * 0.3 reads 3");
        assertEquals(List.of(LossPreset.INLIER_POSTERIOR, LossPreset.OUTLIER_POSTERIOR, LossPreset.ENERGY_MARGIN),
                List.copyOf(LossPreset.BOUNDED.weights(0.3).keySet()), "bounded: energy-margin in place of outlier-energy");
        assertEquals(Map.of(LossPreset.INLIER_POSTERIOR, 1.0, LossPreset.OUTLIER_POSTERIOR, 0.3,
                LossPreset.ENERGY_MARGIN, 0.3), LossPreset.BOUNDED.weights(0.3), "bounded with the demo's beta");
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

package org.dhad.losses;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The two published weightings of the loss terms, as term id → weight in the order they are summed.
 * Both use β = {@value #BETA}.
 */
public enum LossPreset {

    /**
     * The paper's equation 1: L = −E_in[ln P(d_in|x)] − β·E_out[ln P(d_out|x) − ln p̂(x)].
     */
    PAPER("paper", "Equation 1 of the paper: inlier posterior 1, outlier posterior β, outlier energy β (β = "
            + LossPreset.BETA + ")."),

    /**
     * The original DenseHybrid code: binary cross-entropy of the outlier head over all pixels with 10β,
     * outlier energy with β, and the segmentation cross-entropy with 1 when the data has class labels.
     */
    DENSEHYBRID("densehybrid", "The original DenseHybrid code: outlier-head cross-entropy 10β, outlier energy β (β = "
            + LossPreset.BETA + "), plus segmentation cross-entropy 1 when the data has class labels.");

    /** The weight β of the outlier terms in both presets. */
    public static final double BETA = 0.03;

    private final String id;
    private final String description;

    LossPreset(String id, String description) {
        this.id = id;
        this.description = description;
    }

    /** Lower-case name used in experiment files and on the command line. */
    public String id() {
        return id;
    }

    /** One sentence on where the weights come from. */
    public String description() {
        return description;
    }

    /** The weights for data without class labels (MVTec AD), in summation order; unmodifiable. */
    public Map<String, Double> weights() {
        return weights(false);
    }

    /**
     * The weights in summation order; unmodifiable.
     *
     * @param hasClassLabels whether the training data has primary class labels; only
     *                       {@link #DENSEHYBRID} then adds {@link LossTermIds#SEGMENTATION_CE} with weight 1
     */
    public Map<String, Double> weights(boolean hasClassLabels) {
        Map<String, Double> weights = new LinkedHashMap<>();
        switch (this) {
            case PAPER -> {
                weights.put(LossTermIds.INLIER_POSTERIOR, 1.0);
                weights.put(LossTermIds.OUTLIER_POSTERIOR, BETA);
                weights.put(LossTermIds.OUTLIER_ENERGY, BETA);
            }
            case DENSEHYBRID -> {
                if (hasClassLabels) {
                    weights.put(LossTermIds.SEGMENTATION_CE, 1.0);
                }
                // 10β, written out so that it reads 0.3 rather than 10 * 0.03 = 0.30000000000000004
                weights.put(LossTermIds.DENSEHYBRID_BCE, 0.3);
                weights.put(LossTermIds.OUTLIER_ENERGY, BETA);
            }
        }
        return Collections.unmodifiableMap(weights);
    }

    /**
     * The preset named {@code id}.
     *
     * @throws IllegalArgumentException naming the id and the presets that exist
     */
    public static LossPreset fromId(String id) {
        for (LossPreset preset : values()) {
            if (preset.id.equals(id)) {
                return preset;
            }
        }
        throw new IllegalArgumentException("Unknown loss preset '" + id + "'; expected one of "
                + Arrays.stream(values()).map(LossPreset::id).toList());
    }
}

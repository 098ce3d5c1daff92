package org.dhad.experiment;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The two published weightings of the loss terms, as term id → weight in the order they are summed:
 * the one definition that the demo, the benchmark and the experiment presets take their weights from.
 * The ids are those under which {@code org.dhad.losses} registers its terms (the engine finds terms by
 * id and does not depend on that bundle).
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
            + LossPreset.BETA + "), plus segmentation cross-entropy 1 when the data has class labels."),

    /**
     * Equation 1 with the bounded {@code energy-margin} in place of the unbounded outlier energy
     * (docs/loss-terms.md): what the demo trains with, since from scratch the paper's term falls without
     * limit and makes the result depend on the seed.
     */
    BOUNDED("bounded", "Equation 1 with the bounded energy-margin term in place of outlier energy: inlier posterior 1, "
            + "outlier posterior β, energy margin β (β = " + LossPreset.BETA + ").");

    /** The paper's weight β of the outlier terms. */
    public static final double BETA = 0.03;

    static final String INLIER_POSTERIOR = "inlier-posterior";
    static final String OUTLIER_POSTERIOR = "outlier-posterior";
    static final String OUTLIER_ENERGY = "outlier-energy";
    static final String DENSEHYBRID_BCE = "densehybrid-bce";
    /** The cross-entropy of the class logits against a segmentation source's labels. */
    public static final String SEGMENTATION_CE = "segmentation-ce";
    static final String ENERGY_MARGIN = "energy-margin";

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

    /** The weights with the paper's β for data without class labels (MVTec AD); unmodifiable. */
    public Map<String, Double> weights() {
        return weights(BETA, false);
    }

    /** The weights with another β (the demo trains from scratch with 0.3), without class labels. */
    public Map<String, Double> weights(double beta) {
        return weights(beta, false);
    }

    /**
     * The weights in summation order; unmodifiable.
     *
     * @param hasClassLabels whether the training data has primary class labels; only
     *                       {@link #DENSEHYBRID} then adds {@code segmentation-ce} with weight 1
     */
    public Map<String, Double> weights(double beta, boolean hasClassLabels) {
        Map<String, Double> weights = new LinkedHashMap<>();
        switch (this) {
            case PAPER -> {
                weights.put(INLIER_POSTERIOR, 1.0);
                weights.put(OUTLIER_POSTERIOR, beta);
                weights.put(OUTLIER_ENERGY, beta);
            }
            case DENSEHYBRID -> {
                if (hasClassLabels) {
                    weights.put(SEGMENTATION_CE, 1.0);
                }
                weights.put(DENSEHYBRID_BCE, tenTimes(beta));
                weights.put(OUTLIER_ENERGY, beta);
            }
            case BOUNDED -> {
                weights.put(INLIER_POSTERIOR, 1.0);
                weights.put(OUTLIER_POSTERIOR, beta);
                weights.put(ENERGY_MARGIN, beta);
            }
        }
        return Collections.unmodifiableMap(weights);
    }

    /**
     * 10β in decimal, so that it reads 0.3 in experiment files rather than 10 * 0.03 = 0.30000000000000004.
     */
    private static double tenTimes(double beta) {
        return BigDecimal.valueOf(beta).scaleByPowerOfTen(1).doubleValue();
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

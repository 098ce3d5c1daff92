package org.dhad.losses;

/**
 * The ids under which this bundle registers its {@link org.dhad.api.loss.LossTerm} services, as
 * constants so that presets, experiments and the components themselves spell them one way.
 */
public final class LossTermIds {

    /** −mean over inlier pixels of ln P(d_in | x). */
    public static final String INLIER_POSTERIOR = "inlier-posterior";

    /** −mean over outlier pixels of ln P(d_out | x). */
    public static final String OUTLIER_POSTERIOR = "outlier-posterior";

    /** Mean over outlier pixels of ln p̂(x) = logsumexp of the class logits. */
    public static final String OUTLIER_ENERGY = "outlier-energy";

    /** Squared hinges keeping inlier ln p̂(x) above a margin and outlier ln p̂(x) below another: bounded. */
    public static final String ENERGY_MARGIN = "energy-margin";

    /** Binary cross-entropy of the outlier head over all pixels. */
    public static final String DENSEHYBRID_BCE = "densehybrid-bce";

    /** Cross-entropy of the class logits against the class labels, ignoring label -1. */
    public static final String SEGMENTATION_CE = "segmentation-ce";

    private LossTermIds() {
    }
}

package org.dhad.experiment;

/** Which per-pixel anomaly score inference computes. */
public enum ScoreKind {
    /** s(x) = ln P(d_out|x) - ln p̂(x), the method's score. */
    HYBRID,
    /** -ln p̂(x) only, for ablations. */
    ENERGY,
    /** ln P(d_out|x) only, for ablations. */
    POSTERIOR
}

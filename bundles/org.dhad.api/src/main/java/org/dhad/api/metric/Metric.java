package org.dhad.api.metric;

import org.dhad.api.Provider;

/**
 * A measure of anomaly maps against ground truth, computed over all test images of one category
 * (pixels pooled). Means over categories are taken by the caller.
 */
public interface Metric extends Provider {

    /**
     * Computes the metric.
     *
     * @throws MetricException when the maps hold NaN or infinite scores (naming the image)
     */
    MetricResult compute(EvaluationData data) throws MetricException;

    /** Whether a larger value is better (AUROC) or worse (FPR95). */
    boolean higherIsBetter();
}

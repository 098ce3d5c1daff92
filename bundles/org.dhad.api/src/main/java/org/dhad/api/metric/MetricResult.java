package org.dhad.api.metric;

import java.util.Optional;

/**
 * The value of a metric for one category, and the curve it was read from where there is one.
 *
 * @param metricId the metric's id
 * @param value    the value; NaN only where the metric is undefined for the data (stated in {@code note})
 * @param curve    ROC, PR or PRO curve, for plots
 * @param note     why the value is special (no anomalous pixels, ...), or empty
 */
public record MetricResult(String metricId, double value, Optional<Curve> curve, String note) {

    public static MetricResult of(String metricId, double value, Curve curve) {
        return new MetricResult(metricId, value, Optional.ofNullable(curve), "");
    }
}

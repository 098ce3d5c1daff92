package org.dhad.report.charts;

import java.util.Objects;

import org.dhad.api.metric.Curve;

/**
 * A curve with the name its series gets in a chart's legend (a run, a category).
 *
 * @param label legend text
 * @param curve the points and axis names
 */
public record LabelledCurve(String label, Curve curve) {

    public LabelledCurve {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(curve, "curve");
    }
}

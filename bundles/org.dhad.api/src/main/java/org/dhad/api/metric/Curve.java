package org.dhad.api.metric;

/**
 * A curve as points, for plots: ROC (FPR, TPR), PR (recall, precision), PRO (FPR, PRO).
 *
 * @param xLabel axis name
 * @param yLabel axis name
 * @param x      abscissae in plotting order
 * @param y      ordinates, as many as {@code x}
 */
public record Curve(String xLabel, String yLabel, double[] x, double[] y) {

    public Curve {
        if (x.length != y.length) {
            throw new IllegalArgumentException("Curve with " + x.length + " x and " + y.length + " y values");
        }
    }
}

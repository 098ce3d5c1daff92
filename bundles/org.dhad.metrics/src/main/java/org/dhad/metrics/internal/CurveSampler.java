package org.dhad.metrics.internal;

import java.util.Arrays;
import java.util.function.IntToDoubleFunction;

import org.dhad.api.metric.Curve;

/**
 * Thins a curve of any length to at most {@value #MAX_POINTS} points for plots, reading the points
 * through index functions so that no full-length copy is made.
 * <p>
 * A point is kept once the curve has travelled at least 1/(MAX_POINTS-2) of its total length since
 * the last kept point, length measured as |dx|+|dy| with each axis scaled to its range. Bends and
 * steps therefore keep their points while long straight runs are thinned; first and last points are
 * always kept. Values are never computed from the thinned curve.
 */
final class CurveSampler {

    /** Most points a returned curve has. */
    static final int MAX_POINTS = 2000;

    private CurveSampler() {
    }

    /**
     * @param n number of points
     * @param x abscissa of point {@code i}
     * @param y ordinate of point {@code i}
     */
    static Curve sample(String xLabel, String yLabel, int n, IntToDoubleFunction x, IntToDoubleFunction y) {
        if (n <= MAX_POINTS) {
            double[] xs = new double[n];
            double[] ys = new double[n];
            for (int i = 0; i < n; i++) {
                xs[i] = x.applyAsDouble(i);
                ys[i] = y.applyAsDouble(i);
            }
            return new Curve(xLabel, yLabel, xs, ys);
        }
        double xMin = Double.POSITIVE_INFINITY;
        double xMax = Double.NEGATIVE_INFINITY;
        double yMin = Double.POSITIVE_INFINITY;
        double yMax = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            double xi = x.applyAsDouble(i);
            double yi = y.applyAsDouble(i);
            xMin = Math.min(xMin, xi);
            xMax = Math.max(xMax, xi);
            yMin = Math.min(yMin, yi);
            yMax = Math.max(yMax, yi);
        }
        double xScale = xMax > xMin ? 1 / (xMax - xMin) : 0;
        double yScale = yMax > yMin ? 1 / (yMax - yMin) : 0;
        double length = 0;
        for (int i = 1; i < n; i++) {
            length += step(x, y, i, xScale, yScale);
        }
        double spacing = length / (MAX_POINTS - 2);
        double[] xs = new double[MAX_POINTS];
        double[] ys = new double[MAX_POINTS];
        xs[0] = x.applyAsDouble(0);
        ys[0] = y.applyAsDouble(0);
        int kept = 1;
        double travelled = 0;
        for (int i = 1; i < n - 1 && kept < MAX_POINTS - 1; i++) {
            travelled += step(x, y, i, xScale, yScale);
            if (spacing > 0 && travelled >= spacing) {
                xs[kept] = x.applyAsDouble(i);
                ys[kept] = y.applyAsDouble(i);
                kept++;
                travelled = 0;
            }
        }
        xs[kept] = x.applyAsDouble(n - 1);
        ys[kept] = y.applyAsDouble(n - 1);
        kept++;
        return new Curve(xLabel, yLabel, Arrays.copyOf(xs, kept), Arrays.copyOf(ys, kept));
    }

    private static double step(IntToDoubleFunction x, IntToDoubleFunction y, int i, double xScale, double yScale) {
        return Math.abs(x.applyAsDouble(i) - x.applyAsDouble(i - 1)) * xScale
                + Math.abs(y.applyAsDouble(i) - y.applyAsDouble(i - 1)) * yScale;
    }
}

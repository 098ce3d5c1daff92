package org.dhad.metrics.internal;

import java.util.Arrays;
import java.util.function.IntToDoubleFunction;

import org.dhad.api.metric.Curve;

/**
 * Thins a curve of any length to at most {@value #MAX_POINTS} points for plots, taking the points as
 * they are computed so that no full-length copy is made. The caller walks its points twice: once
 * through {@link #measure}, then the same points in the same order through {@link #offer}.
 * <p>
 * A point is kept once the curve has travelled 1/(MAX_POINTS-2) of its total length since the last
 * kept point, length measured as |dx|+|dy| with each axis scaled to its range. Steps and bends so
 * keep their points while long straight runs are thinned; first and last points are always kept, and
 * curves of at most MAX_POINTS points are kept whole. Metric values are never computed from the
 * thinned curve. Small final methods, so the JIT inlines them into the callers' loops.
 */
final class CurveSampler {

    /** Most points a returned curve has. */
    static final int MAX_POINTS = 2000;

    private final String xLabel;
    private final String yLabel;

    private long count;
    private double xMin = Double.POSITIVE_INFINITY;
    private double xMax = Double.NEGATIVE_INFINITY;
    private double yMin = Double.POSITIVE_INFINITY;
    private double yMax = Double.NEGATIVE_INFINITY;
    private double xPath;
    private double yPath;
    private double previousX;
    private double previousY;

    private double[] xs;
    private double[] ys;
    private int kept;
    private long offered;
    private double xScale;
    private double yScale;
    private double spacing;
    private double travelled;

    CurveSampler(String xLabel, String yLabel) {
        this.xLabel = xLabel;
        this.yLabel = yLabel;
    }

    /**
     * Thins a curve whose x and y never decrease along it (ROC, PRO) by the same rule, without walking
     * it: the path length between two points is then their scaled coordinate difference, so each kept
     * point is found by binary search, {@code O(MAX_POINTS log n)} point reads in all.
     */
    static Curve monotone(String xLabel, String yLabel, int n, IntToDoubleFunction x, IntToDoubleFunction y) {
        CurveSampler sampler = new CurveSampler(xLabel, yLabel);
        if (n <= MAX_POINTS) {
            for (int i = 0; i < n; i++) {
                sampler.measure(x.applyAsDouble(i), y.applyAsDouble(i));
            }
            for (int i = 0; i < n; i++) {
                sampler.offer(x.applyAsDouble(i), y.applyAsDouble(i));
            }
            return sampler.curve();
        }
        double xRange = x.applyAsDouble(n - 1) - x.applyAsDouble(0);
        double yRange = y.applyAsDouble(n - 1) - y.applyAsDouble(0);
        double xScale = xRange > 0 ? 1 / xRange : 0;
        double yScale = yRange > 0 ? 1 / yRange : 0;
        IntToDoubleFunction position = i -> x.applyAsDouble(i) * xScale + y.applyAsDouble(i) * yScale;
        double spacing = (position.applyAsDouble(n - 1) - position.applyAsDouble(0)) / (MAX_POINTS - 2);
        double[] xs = new double[MAX_POINTS];
        double[] ys = new double[MAX_POINTS];
        int kept = 0;
        int last = 0;
        while (true) {
            xs[kept] = x.applyAsDouble(last);
            ys[kept] = y.applyAsDouble(last);
            kept++;
            double target = position.applyAsDouble(last) + spacing;
            if (last == n - 1 || spacing <= 0 || kept == MAX_POINTS - 1
                    || position.applyAsDouble(n - 1) < target) {
                break;
            }
            int lo = last + 1;
            int hi = n - 1;
            while (lo < hi) {
                int m = (lo + hi) >>> 1;
                if (position.applyAsDouble(m) >= target) {
                    hi = m;
                } else {
                    lo = m + 1;
                }
            }
            last = lo;
        }
        if (last != n - 1) {
            xs[kept] = x.applyAsDouble(n - 1);
            ys[kept] = y.applyAsDouble(n - 1);
            kept++;
        }
        return new Curve(xLabel, yLabel, Arrays.copyOf(xs, kept), Arrays.copyOf(ys, kept));
    }

    /** First walk: one point of the curve. */
    void measure(double x, double y) {
        if (count > 0) {
            xPath += Math.abs(x - previousX);
            yPath += Math.abs(y - previousY);
        }
        // Plain comparisons: Math.min/max on doubles pay for NaN and -0.0 rules the curves never need.
        if (x < xMin) {
            xMin = x;
        }
        if (x > xMax) {
            xMax = x;
        }
        if (y < yMin) {
            yMin = y;
        }
        if (y > yMax) {
            yMax = y;
        }
        previousX = x;
        previousY = y;
        count++;
    }

    /** Second walk: the same point as the matching {@link #measure} call. */
    void offer(double x, double y) {
        if (xs == null) {
            start();
        }
        offered++;
        if (offered == 1 || offered == count || count <= MAX_POINTS) {
            keep(x, y);
        } else {
            travelled += Math.abs(x - previousX) * xScale + Math.abs(y - previousY) * yScale;
            if (travelled >= spacing && kept < MAX_POINTS - 1) {
                keep(x, y);
            }
        }
        previousX = x;
        previousY = y;
    }

    private void start() {
        int capacity = (int) Math.min(count, MAX_POINTS);
        xs = new double[capacity];
        ys = new double[capacity];
        xScale = xMax > xMin ? 1 / (xMax - xMin) : 0;
        yScale = yMax > yMin ? 1 / (yMax - yMin) : 0;
        double length = xPath * xScale + yPath * yScale;
        // A curve of zero length keeps only its ends.
        spacing = length > 0 ? length / (MAX_POINTS - 2) : Double.POSITIVE_INFINITY;
    }

    private void keep(double x, double y) {
        xs[kept] = x;
        ys[kept] = y;
        kept++;
        travelled = 0;
    }

    /** The thinned curve, after every point was offered. */
    Curve curve() {
        if (offered != count) {
            throw new IllegalStateException("Curve " + yLabel + "(" + xLabel + "): " + count + " points measured, "
                    + offered + " offered");
        }
        if (xs == null) {
            return new Curve(xLabel, yLabel, new double[0], new double[0]);
        }
        return new Curve(xLabel, yLabel, Arrays.copyOf(xs, kept), Arrays.copyOf(ys, kept));
    }
}

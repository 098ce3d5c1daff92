package org.dhad.metrics.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.IntToDoubleFunction;

import org.dhad.api.metric.Curve;
import org.junit.jupiter.api.Test;

/** Thinning keeps ends and shape, and never exceeds the point budget. */
class CurveSamplerTest {

    private static Curve sample(int n, IntToDoubleFunction x, IntToDoubleFunction y) {
        CurveSampler sampler = new CurveSampler("x", "y");
        for (int i = 0; i < n; i++) {
            sampler.measure(x.applyAsDouble(i), y.applyAsDouble(i));
        }
        for (int i = 0; i < n; i++) {
            sampler.offer(x.applyAsDouble(i), y.applyAsDouble(i));
        }
        return sampler.curve();
    }

    @Test
    void shortCurvesAreKeptWhole() {
        Curve c = sample(5, i -> i, i -> i * i);
        assertEquals(5, c.x().length, "points");
        assertEquals(16, c.y()[4], 0, "last y");
        assertEquals(0, sample(0, i -> i, i -> i).x().length, "empty curve");
    }

    @Test
    void longCurvesKeepEndsAndAStep() {
        int n = 1_000_000;
        // A staircase: flat until the middle, a jump to 1, flat again.
        Curve c = sample(n, i -> i / (n - 1.0), i -> i < n / 2 ? 0 : 1);
        assertTrue(c.x().length <= CurveSampler.MAX_POINTS && c.x().length > 500, "points: " + c.x().length);
        assertEquals(0, c.x()[0], 0, "first x");
        assertEquals(1, c.x()[c.x().length - 1], 0, "last x");
        assertEquals(1, c.y()[c.y().length - 1], 0, "last y");
        for (int i = 1; i < c.x().length; i++) {
            assertTrue(c.x()[i] > c.x()[i - 1], "x increasing at " + i);
        }
        // The jump is kept: the first point at y = 1 sits right at the step.
        int first = 0;
        while (c.y()[first] == 0) {
            first++;
        }
        assertEquals(0.5, c.x()[first], 1e-5, "x of the first point after the step");
    }

    @Test
    void jaggedAndFlatCurvesStayWithinBudget() {
        int n = 300_000;
        Curve c = sample(n, i -> i, i -> i % 2);
        assertTrue(c.x().length <= CurveSampler.MAX_POINTS, "points: " + c.x().length);
        assertEquals(n - 1, c.x()[c.x().length - 1], 0, "last point kept");
        Curve still = sample(n, i -> 3, i -> 4);
        assertEquals(2, still.x().length, "a curve that never moves keeps its two ends");
    }
}

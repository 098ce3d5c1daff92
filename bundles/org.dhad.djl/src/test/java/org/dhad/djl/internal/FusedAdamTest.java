package org.dhad.djl.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;

import org.dhad.djl.FusedAdam;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;

/** libtorch's fused Adam through the bundled TorchScript function, against Adam written out in doubles. */
class FusedAdamTest {

    private static final float BETA1 = 0.9f;
    private static final float BETA2 = 0.999f;
    private static final float EPSILON = 1e-8f;

    private static StartedRuntime started;

    @BeforeAll
    static void startEngine() throws InterruptedException {
        started = new StartedRuntime();
    }

    @AfterAll
    static void close() {
        started.close();
    }

    /**
     * Three steps with different gradients and learning rates on two weights of different shapes: weights, moments
     * and counts follow Kingma and Ba's Algorithm 1 (PyTorch's form: epsilon added to the bias-corrected root),
     * and each gradient is zero afterwards.
     */
    @Test
    void threeStepsFollowAdamAsWrittenOut() {
        Random random = new Random(7);
        float[][] w = {values(random, 12), values(random, 5)};
        double[][] m = {new double[12], new double[5]};
        double[][] v = {new double[12], new double[5]};
        double[][] expected = {toDoubles(w[0]), toDoubles(w[1])};
        float[] rates = {1e-3f, 5e-2f, 2e-4f};
        float decay = 0.01f;
        try (NDManager manager = NDManager.newBaseManager(); FusedAdam adam = new FusedAdam(manager)) {
            NDArray a = manager.create(w[0], new Shape(3, 4));
            NDArray b = manager.create(w[1], new Shape(5));
            List<NDArray> weights = List.of(a, b);
            List<NDArray> means = List.of(manager.zeros(a.getShape()), manager.zeros(b.getShape()));
            List<NDArray> variances = List.of(manager.zeros(a.getShape()), manager.zeros(b.getShape()));
            List<NDArray> steps = List.of(manager.create(0f), manager.create(0f));
            for (NDArray weight : weights) {
                weight.setRequiresGradient(true);
            }
            for (int t = 1; t <= rates.length; t++) {
                float[][] g = {values(random, 12), values(random, 5)};
                backward(manager, weights, g);
                try (NDArray ga = FusedAdam.gradient(a); NDArray gb = FusedAdam.gradient(b)) {
                    assertArrayEquals(g[0], ga.toFloatArray(), 1e-6f, "gradient libtorch holds");
                    adam.update(weights, List.of(ga, gb), means, variances, steps, rates[t - 1], BETA1, BETA2, decay,
                            EPSILON);
                    for (int p = 0; p < 2; p++) {
                        adam(expected[p], m[p], v[p], g[p], t, rates[t - 1], decay);
                    }
                    assertArrayEquals(new float[12], ga.toFloatArray(), "gradient zeroed after the step");
                    assertArrayEquals(new float[5], gb.toFloatArray(), "gradient zeroed after the step");
                }
                for (int p = 0; p < 2; p++) {
                    assertClose(expected[p], weights.get(p).toFloatArray(), "weight " + p + " after step " + t);
                    assertClose(m[p], means.get(p).toFloatArray(), "first moment " + p + " after step " + t);
                    assertClose(v[p], variances.get(p).toFloatArray(), "second moment " + p + " after step " + t);
                    assertEquals(t, steps.get(p).getFloat(), "step count " + p);
                }
            }
        }
    }

    @Test
    void aWeightBackwardHasNotReachedHasNoGradient() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray weight = manager.create(new float[] {1, 2});
            weight.setRequiresGradient(true);
            assertNull(FusedAdam.gradient(weight), "no gradient before backward (DJL's getGradient gives zeros)");
        }
    }

    @Test
    void listsOfDifferentLengthsAndMismatchedShapesAreRefused() {
        try (NDManager manager = NDManager.newBaseManager(); FusedAdam adam = new FusedAdam(manager)) {
            NDArray weight = manager.create(new float[] {1, 2, 3});
            NDArray step = manager.create(0f);
            IllegalArgumentException lengths = assertThrows(IllegalArgumentException.class,
                    () -> adam.update(List.of(weight), List.of(), List.of(), List.of(), List.of(step), 1e-3f, BETA1,
                            BETA2, 0f, EPSILON));
            assertTrue(lengths.getMessage().contains("1 weights got 0 gradients"), lengths.getMessage());
            NDArray wrong = manager.create(new float[] {1, 2});
            IllegalArgumentException shapes = assertThrows(IllegalArgumentException.class,
                    () -> adam.update(List.of(weight), List.of(wrong), List.of(manager.zeros(new Shape(3))),
                            List.of(manager.zeros(new Shape(3))), List.of(step), 1e-3f, BETA1, BETA2, 0f, EPSILON));
            assertEquals("Adam update: the gradient of weight 0 is float32 (2); expected float32 (3)",
                    shapes.getMessage());
            assertArrayEquals(new float[] {1, 2, 3}, weight.toFloatArray(), "a refused update leaves the weight");
        }
    }

    /** Gives each weight the gradient {@code g} through a real backward pass of sum(weight * g). */
    private static void backward(NDManager manager, List<NDArray> weights, float[][] g) {
        try (GradientCollector collector = manager.getEngine().newGradientCollector()) {
            NDArray total = null;
            for (int p = 0; p < weights.size(); p++) {
                NDArray term = weights.get(p).mul(manager.create(g[p], weights.get(p).getShape())).sum();
                total = total == null ? term : total.add(term);
            }
            collector.backward(total);
        }
    }

    private static void adam(double[] w, double[] m, double[] v, float[] g, int t, double lr, double decay) {
        for (int i = 0; i < w.length; i++) {
            double grad = g[i] + decay * w[i];
            m[i] = BETA1 * m[i] + (1 - BETA1) * grad;
            v[i] = BETA2 * v[i] + (1 - BETA2) * grad * grad;
            double mHat = m[i] / (1 - Math.pow(BETA1, t));
            double vHat = v[i] / (1 - Math.pow(BETA2, t));
            w[i] -= lr * mHat / (Math.sqrt(vHat) + EPSILON);
        }
    }

    private static void assertClose(double[] expected, float[] actual, String what) {
        assertEquals(expected.length, actual.length, what);
        for (int i = 0; i < expected.length; i++) {
            double tolerance = 1e-6 + 1e-5 * Math.abs(expected[i]);
            assertEquals(expected[i], actual[i], tolerance, what + " [" + i + "]");
        }
    }

    private static float[] values(Random random, int n) {
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            values[i] = (float) random.nextGaussian();
        }
        return values;
    }

    private static double[] toDoubles(float[] values) {
        double[] doubles = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            doubles[i] = values[i];
        }
        return doubles;
    }
}

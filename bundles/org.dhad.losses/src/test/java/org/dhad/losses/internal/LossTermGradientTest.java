package org.dhad.losses.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.stream.Stream;

import org.dhad.api.loss.LossTerm;
import org.dhad.djl.testing.ReusedNativeMemory;
import org.dhad.losses.LossTermIds;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import ai.djl.engine.Engine;
import ai.djl.ndarray.types.DataType;

/**
 * Gradients of every term by DJL autograd, in float64 (tight) and float32 (loose), against central finite
 * differences in float64, and exactly zero gradients where the averaged pixel set is empty.
 */
class LossTermGradientTest {

    private static final String[] IDS = {LossTermIds.INLIER_POSTERIOR, LossTermIds.OUTLIER_POSTERIOR,
            LossTermIds.OUTLIER_ENERGY, LossTermIds.ENERGY_MARGIN, LossTermIds.DENSEHYBRID_BCE,
            LossTermIds.SEGMENTATION_CE};

    private static LossTermServices services;
    private static Engine engine;

    @BeforeAll
    static void start() throws InterruptedException {
        services = new LossTermServices();
        engine = services.runtime().engine();
    }

    @AfterAll
    static void stop() {
        services.close();
    }

    // dynamic tests, not @ParameterizedTest: junit-jupiter-params is not in the plugin-test runtime,
    // and parameterized tests there are skipped without a word
    @TestFactory
    Stream<DynamicTest> autogradMatchesCentralDifferences() {
        return Arrays.stream(IDS).flatMap(id -> Stream.of(DataType.FLOAT64, DataType.FLOAT32)
                .map(type -> DynamicTest.dynamicTest(id + " in " + type, () -> checkGradient(id, type))));
    }

    private static void checkGradient(String id, DataType type) throws Exception {
        LossTerm term = services.term(id);
        boolean wrtClass = GradientCheck.differentiatesClassLogits(id);
        boolean float64 = type == DataType.FLOAT64;
        double relative = float64 ? 1e-7 : 2e-3;
        double absolute = float64 ? 1e-9 : 2e-4;
        for (long seed : new long[] {1, 2}) {
            Batch batch = LossTermServices.mixedBatch(seed);
            double[] analytic = GradientCheck.autograd(engine, term, batch, type, wrtClass);
            // the reference is always float64: float32 differences of a term valued in the hundreds
            // (energy-margin's squares) carry rounding errors of the order of the tolerance
            double[] numeric = GradientCheck.centralDifferences(term, batch, DataType.FLOAT64, wrtClass, 1e-5);
            assertEquals(numeric.length, analytic.length, id + ": gradient length");
            boolean anyNonZero = false;
            for (int i = 0; i < numeric.length; i++) {
                double tolerance = absolute + relative * Math.max(Math.abs(numeric[i]), Math.abs(analytic[i]));
                assertEquals(numeric[i], analytic[i], tolerance, id + " " + type + " seed " + seed
                        + ": d/d" + (wrtClass ? "classLogits" : "outlierLogits") + "[" + i + "]");
                anyNonZero |= analytic[i] != 0;
            }
            assertTrue(anyNonZero, id + ": gradient is not identically zero on a mixed batch");
        }
    }

    /**
     * No term lets its backward pass read freed memory (see {@link ReusedNativeMemory}): gradients equal
     * those of an undisturbed pass bit for bit. With {@code div(2)} in ln σ, the posterior and BCE terms
     * failed this on every run.
     */
    @TestFactory
    Stream<DynamicTest> gradientsDoNotReadFreedMemory() {
        return Arrays.stream(IDS).flatMap(id -> Stream.of(DataType.FLOAT64, DataType.FLOAT32)
                .map(type -> DynamicTest.dynamicTest(id + " in " + type, () -> {
                    LossTerm term = services.term(id);
                    boolean wrtClass = GradientCheck.differentiatesClassLogits(id);
                    Batch batch = LossTermServices.mixedBatch(7);
                    double[] undisturbed = GradientCheck.autograd(engine, term, batch, type, wrtClass);
                    ReusedNativeMemory reuse = new ReusedNativeMemory();
                    try {
                        double[] disturbed = GradientCheck.autograd(engine, term, batch, type, wrtClass, reuse);
                        assertArrayEquals(undisturbed, disturbed, 0.0, id + " " + type
                                + ": gradients after freed memory was reused");
                    } finally {
                        reuse.release();
                    }
                })));
    }

    @Test
    void inlierPosteriorGradientIsSigmoidOverCountOnInlierPixels() throws Exception {
        // d/dg of −mean ln σ(−g) over inliers is σ(g)/count on inlier pixels and 0 on outlier pixels;
        // g = 0 at two inlier pixels checks the kink of |g| in the stable formula (σ(0) = 0.5 there)
        Batch mixed = LossTermServices.mixedBatch(3);
        double[] logits = mixed.outlierLogits().clone();
        logits[0] = 0;
        logits[2] = 0;
        Batch batch = mixed.withOutlierLogits(logits);
        double[] gradient = GradientCheck.autograd(engine, services.term(LossTermIds.INLIER_POSTERIOR), batch,
                DataType.FLOAT64, false);
        int inliers = 0;
        for (float label : batch.outlierLabels()) {
            inliers += label == 0 ? 1 : 0;
        }
        for (int p = 0; p < batch.pixels(); p++) {
            double g = batch.outlierLogits()[p];
            double expected = batch.outlierLabels()[p] == 0 ? 1 / (1 + Math.exp(-g)) / inliers : 0;
            assertEquals(expected, gradient[p], 1e-12, "d inlier-posterior / d g[" + p + "]");
        }
    }

    @Test
    void outlierTermsHaveZeroGradientWithoutOutlierPixels() throws Exception {
        Batch batch = LossTermServices.mixedBatch(4).withOutlierLabels(new float[8]);
        assertZeroGradient(LossTermIds.OUTLIER_POSTERIOR, batch);
        assertZeroGradient(LossTermIds.OUTLIER_ENERGY, batch);
    }

    @Test
    void inlierTermHasZeroGradientWithoutInlierPixels() throws Exception {
        float[] allOutlier = new float[8];
        Arrays.fill(allOutlier, 1);
        assertZeroGradient(LossTermIds.INLIER_POSTERIOR, LossTermServices.mixedBatch(5).withOutlierLabels(allOutlier));
    }

    @Test
    void segmentationHasZeroGradientWithoutLabelledPixels() throws Exception {
        long[] ignored = new long[8];
        Arrays.fill(ignored, SegmentationCrossEntropyTerm.IGNORE_LABEL);
        assertZeroGradient(LossTermIds.SEGMENTATION_CE, LossTermServices.mixedBatch(6).withClassLabels(ignored));
    }

    @Test
    void extremeLogitsGiveFiniteGradients() throws Exception {
        Batch batch = LossTermValueTest.extremeBatch();
        for (String id : IDS) {
            for (DataType type : new DataType[] {DataType.FLOAT32, DataType.FLOAT64}) {
                double[] gradient = GradientCheck.autograd(engine, services.term(id), batch, type,
                        GradientCheck.differentiatesClassLogits(id));
                for (int i = 0; i < gradient.length; i++) {
                    assertTrue(Double.isFinite(gradient[i]), id + " " + type + ": gradient[" + i + "] = "
                            + gradient[i] + " at logits of +-100");
                }
            }
        }
    }

    private static void assertZeroGradient(String id, Batch batch) throws Exception {
        LossTerm term = services.term(id);
        for (DataType type : new DataType[] {DataType.FLOAT32, DataType.FLOAT64}) {
            assertEquals(0.0, GradientCheck.value(term, batch, type), 0.0, id + " " + type + ": value on an empty pixel set");
            double[] gradient = GradientCheck.autograd(engine, term, batch, type, GradientCheck.differentiatesClassLogits(id));
            for (int i = 0; i < gradient.length; i++) {
                assertEquals(0.0, gradient[i], 0.0, id + " " + type + ": gradient[" + i + "] on an empty pixel set");
            }
        }
    }
}

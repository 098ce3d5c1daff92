package org.dhad.losses.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Map;
import java.util.stream.Stream;

import org.dhad.api.loss.LossInputs;
import org.dhad.api.loss.LossTerm;
import org.dhad.losses.LossTermIds;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import ai.djl.ndarray.BaseNDManager;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/** Values of the terms on small batches against plain-Java references, empty pixel sets, extremes and errors. */
class LossTermValueTest {

    private static final String[] IDS = {LossTermIds.INLIER_POSTERIOR, LossTermIds.OUTLIER_POSTERIOR,
            LossTermIds.OUTLIER_ENERGY, LossTermIds.ENERGY_MARGIN, LossTermIds.DENSEHYBRID_BCE,
            LossTermIds.SEGMENTATION_CE};

    private static LossTermServices services;

    @BeforeAll
    static void start() throws InterruptedException {
        services = new LossTermServices();
    }

    @AfterAll
    static void stop() {
        services.close();
    }

    /** N=1, C=3, H=W=2 with logits of ±100 and a mix of pixel kinds. */
    static Batch extremeBatch() {
        double[] classLogits = {100, -100, 100, -100, -100, 100, -100, 100, 100, 100, -100, -100};
        double[] outlierLogits = {100, -100, -100, 100};
        float[] outlierLabels = {0, 1, 0, 1};
        long[] classLabels = {1, 0, -1, 2};
        return new Batch(1, 3, 2, 2, classLogits, outlierLogits, outlierLabels, classLabels);
    }

    // dynamic tests, not @ParameterizedTest: junit-jupiter-params is not in the plugin-test runtime
    @TestFactory
    Stream<DynamicTest> valueMatchesPlainJavaReference() {
        return Arrays.stream(IDS).flatMap(id -> Stream.of(DataType.FLOAT64, DataType.FLOAT32)
                .map(type -> DynamicTest.dynamicTest(id + " in " + type, () -> checkValue(id, type))));
    }

    private static void checkValue(String id, DataType type) throws Exception {
        LossTerm term = services.term(id);
        double tolerance = type == DataType.FLOAT64 ? 1e-12 : 1e-5;
        for (long seed : new long[] {11, 12, 13}) {
            Batch batch = LossTermServices.mixedBatch(seed);
            double expected = ReferenceLosses.value(id, batch);
            assertEquals(expected, GradientCheck.value(term, batch, type), tolerance * Math.max(1, Math.abs(expected)),
                    id + " " + type + " seed " + seed);
        }
    }

    @Test
    void handWorkedExample() throws Exception {
        // N=1, C=3, H=W=2; all class logits 0 so ln p̂ = ln 3 everywhere; g = 0 at pixels 0 and 1,
        // g = ln 3 at pixels 2 and 3; pixels 1 and 3 are outliers.
        double ln3 = Math.log(3);
        Batch batch = new Batch(1, 3, 2, 2, new double[12], new double[] {0, 0, ln3, ln3},
                new float[] {0, 1, 0, 1}, new long[] {0, 1, 2, -1});
        // σ(ln 3) = 3/4, σ(−ln 3) = 1/4, σ(0) = 1/2
        double inlier = -(Math.log(0.5) + Math.log(0.25)) / 2;
        double outlier = -(Math.log(0.5) + Math.log(0.75)) / 2;
        double bce = (inlier * 2 + outlier * 2) / 4;
        assertValue(LossTermIds.INLIER_POSTERIOR, batch, inlier);
        assertValue(LossTermIds.OUTLIER_POSTERIOR, batch, outlier);
        assertValue(LossTermIds.OUTLIER_ENERGY, batch, ln3);
        assertValue(LossTermIds.DENSEHYBRID_BCE, batch, bce);
        // uniform class logits: every labelled pixel costs ln 3
        assertValue(LossTermIds.SEGMENTATION_CE, batch, ln3);
    }

    @Test
    void emptyPixelSetsGiveExactlyZero() throws Exception {
        float[] allOutlier = new float[8];
        Arrays.fill(allOutlier, 1);
        long[] ignored = new long[8];
        Arrays.fill(ignored, -1);
        Batch mixed = LossTermServices.mixedBatch(21);
        assertValue(LossTermIds.OUTLIER_POSTERIOR, mixed.withOutlierLabels(new float[8]), 0.0);
        assertValue(LossTermIds.OUTLIER_ENERGY, mixed.withOutlierLabels(new float[8]), 0.0);
        assertValue(LossTermIds.INLIER_POSTERIOR, mixed.withOutlierLabels(allOutlier), 0.0);
        assertValue(LossTermIds.SEGMENTATION_CE, mixed.withClassLabels(ignored), 0.0);
        // the other terms still see their pixels
        assertNotEquals(0.0, GradientCheck.value(services.term(LossTermIds.INLIER_POSTERIOR),
                mixed.withOutlierLabels(new float[8]), DataType.FLOAT32), "inlier posterior on an all-inlier batch");
        assertNotEquals(0.0, GradientCheck.value(services.term(LossTermIds.OUTLIER_ENERGY),
                mixed.withOutlierLabels(allOutlier), DataType.FLOAT32), "outlier energy on an all-outlier batch");
    }

    @Test
    void extremeLogitsStayFiniteAndExact() throws Exception {
        Batch batch = extremeBatch();
        for (String id : IDS) {
            double expected = ReferenceLosses.value(id, batch);
            for (DataType type : new DataType[] {DataType.FLOAT32, DataType.FLOAT64}) {
                double actual = GradientCheck.value(services.term(id), batch, type);
                assertTrue(Double.isFinite(actual), id + " " + type + " at +-100 gave " + actual);
                assertEquals(expected, actual, 1e-5 * Math.max(1, Math.abs(expected)), id + " " + type + " at +-100");
            }
        }
        // spot checks of the reference itself: the outlier pixels cost 100 (g = -100) and 0 (g = 100),
        // and ln p̂ = ln(2 e^100) at pixel 0
        assertEquals(50, ReferenceLosses.outlierPosterior(batch), 1e-9, "reference outlier posterior");
        assertEquals(100 + Math.log(2), ReferenceLosses.logSumExp(batch, 0), 1e-9, "reference logsumexp");
    }

    @Test
    void floatAndIntClassLabelsAgree() throws Exception {
        Batch batch = LossTermServices.mixedBatch(31);
        LossTerm term = services.term(LossTermIds.SEGMENTATION_CE);
        try (NDManager manager = NDManager.newBaseManager()) {
            LossInputs longs = batch.toInputs(manager, DataType.FLOAT32);
            LossInputs floats = new LossInputs(longs.classLogits(), longs.outlierLogits(), longs.outlierLabels(),
                    longs.classLabels().toType(DataType.FLOAT32, false));
            assertEquals(term.evaluate(longs).getFloat(), term.evaluate(floats).getFloat(), 0f,
                    "class labels as float32 and as int64");
        }
    }

    @Test
    void segmentationRejectsMissingAndOutOfRangeLabels() throws Exception {
        LossTerm term = services.term(LossTermIds.SEGMENTATION_CE);
        assertTrue(term.needsClassLabels(), "segmentation-ce needs class labels");
        Batch batch = LossTermServices.mixedBatch(41);
        try (NDManager manager = NDManager.newBaseManager()) {
            LossInputs withLabels = batch.toInputs(manager, DataType.FLOAT32);
            LossInputs without = new LossInputs(withLabels.classLogits(), withLabels.outlierLogits(),
                    withLabels.outlierLabels(), null);
            IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> term.evaluate(without));
            assertTrue(missing.getMessage().contains("segmentation-ce") && missing.getMessage().contains("classLabels"),
                    "message names the term and the field: " + missing.getMessage());
            LossInputs tooLarge = new LossInputs(withLabels.classLogits(), withLabels.outlierLogits(),
                    withLabels.outlierLabels(), withLabels.classLabels().add(1));
            IllegalArgumentException range = assertThrows(IllegalArgumentException.class, () -> term.evaluate(tooLarge));
            assertTrue(range.getMessage().contains("3") && range.getMessage().contains("[0, 2]"),
                    "message names the bad value and the range: " + range.getMessage());
        }
    }

    @Test
    void mismatchedShapesAreRejectedWithBothShapes() throws Exception {
        Batch batch = LossTermServices.mixedBatch(51);
        try (NDManager manager = NDManager.newBaseManager()) {
            LossInputs good = batch.toInputs(manager, DataType.FLOAT32);
            NDArray wrongLabels = manager.zeros(new Shape(2, 3, 3));
            LossInputs bad = new LossInputs(good.classLogits(), good.outlierLogits(), wrongLabels, good.classLabels());
            for (String id : IDS) {
                if (id.equals(LossTermIds.SEGMENTATION_CE)) {
                    continue; // does not read the outlier labels
                }
                LossTerm term = services.term(id);
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> term.evaluate(bad), id);
                assertTrue(e.getMessage().startsWith(id) && e.getMessage().contains("(2, 3, 3)"),
                        id + ": message names the term and the shape: " + e.getMessage());
            }
        }
    }

    @Test
    void resultLivesInTheInputsManagerAndTemporariesAreFreed() throws Exception {
        Batch batch = LossTermServices.mixedBatch(61);
        for (String id : IDS) {
            try (NDManager manager = NDManager.newBaseManager()) {
                LossInputs inputs = batch.toInputs(manager, DataType.FLOAT32);
                int before = ((BaseNDManager) manager).getManagedArrays().size();
                NDArray loss = services.term(id).evaluate(inputs);
                assertEquals(new Shape(), loss.getShape(), id + ": scalar result");
                assertSame(manager, loss.getManager(), id + ": result in the inputs' manager");
                for (NDArray input : new NDArray[] {inputs.classLogits(), inputs.outlierLogits(),
                        inputs.outlierLabels(), inputs.classLabels()}) {
                    assertSame(manager, input.getManager(), id + ": input returned to its manager");
                    assertTrue(!input.isReleased(), id + ": input still open");
                }
                assertEquals(before + 1, ((BaseNDManager) manager).getManagedArrays().size(),
                        id + ": only the result is left in the manager");
            }
        }
    }

    @Test
    void equationOneIsTheSumOfThreeTerms() throws Exception {
        // L = −mean_in ln σ(−g) − β·mean_out[ln σ(g) − ln p̂(x)], written out pixel by pixel; the engine's
        // LossPreset.PAPER holds these weights (its test checks them), this bundle cannot see it
        double beta = 0.03;
        Batch batch = LossTermServices.mixedBatch(71);
        double inlierSum = 0;
        double outlierSum = 0;
        int inliers = 0;
        int outliers = 0;
        for (int p = 0; p < batch.pixels(); p++) {
            double g = batch.outlierLogits()[p];
            if (batch.outlierLabels()[p] == 1) {
                outlierSum += ReferenceLosses.logSigmoid(g) - ReferenceLosses.logSumExp(batch, p);
                outliers++;
            } else {
                inlierSum += ReferenceLosses.logSigmoid(-g);
                inliers++;
            }
        }
        double equationOne = -inlierSum / inliers - beta * outlierSum / outliers;
        Map<String, Double> weights = Map.of(LossTermIds.INLIER_POSTERIOR, 1.0, LossTermIds.OUTLIER_POSTERIOR, beta,
                LossTermIds.OUTLIER_ENERGY, beta);
        double total = 0;
        for (Map.Entry<String, Double> weighted : weights.entrySet()) {
            total += weighted.getValue() * GradientCheck.value(services.term(weighted.getKey()), batch, DataType.FLOAT64);
        }
        assertEquals(equationOne, total, 1e-12, "inlier posterior + β outlier posterior + β outlier energy");
    }

    private static void assertValue(String id, Batch batch, double expected) throws Exception {
        LossTerm term = services.term(id);
        for (DataType type : new DataType[] {DataType.FLOAT32, DataType.FLOAT64}) {
            double actual = GradientCheck.value(term, batch, type);
            double tolerance = type == DataType.FLOAT64 ? 1e-12 : 1e-6;
            assertEquals(expected, actual, tolerance, id + " " + type);
        }
    }
}

package org.dhad.engine.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.dhad.api.loss.LossInputs;
import org.dhad.api.loss.LossTerm;
import org.dhad.djl.TorchRuntime;
import org.dhad.djl.testing.ReusedNativeMemory;
import org.dhad.experiment.LossPreset;
import org.dhad.experiment.ScoreKind;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;

/**
 * The composite loss is the weighted sum of its terms, reports each term unweighted and names a
 * non-finite one; the anomaly scorer reads the same ln σ(g) and ln p̂(x) as the loss terms.
 */
class WeightedLossTest {

    private static ServiceLookup services;
    private static TorchRuntime runtime;

    @BeforeAll
    static void start() throws Exception {
        services = new ServiceLookup();
        runtime = services.await(TorchRuntime.class, null);
    }

    @AfterAll
    static void stop() {
        services.close();
    }

    @Test
    void compositeIsTheWeightedSumOfItsTerms() throws Exception {
        Map<String, Double> weights = new java.util.LinkedHashMap<>(LossPreset.PAPER.weights());
        weights.put("energy-margin", 0.7);
        List<WeightedLoss.Term> terms = new ArrayList<>();
        for (Map.Entry<String, Double> entry : weights.entrySet()) {
            terms.add(new WeightedLoss.Term(services.await(LossTerm.class, entry.getKey()), entry.getValue()));
        }
        WeightedLoss loss = new WeightedLoss(terms);
        assertEquals(List.copyOf(weights.keySet()), loss.termIds(), "term ids in summation order");
        try (NDManager manager = runtime.engine().newBaseManager()) {
            NDList outputs = outputs(manager, 2, 3, 4);
            NDArray labels = manager.create(new float[] {0, 1, 1, 0, 0, 0, 1, 0, 1, 1, 0, 0, 0, 0, 0, 1, 1, 0, 0, 0,
                    1, 0, 1, 0, 0, 0, 0, 1, 0, 1, 0, 0}, new Shape(2, 4, 4));
            LossInputs inputs = WeightedLoss.inputs(outputs, labels);
            WeightedLoss.Value value = loss.evaluate(inputs);
            float expected = 0;
            float[] unweighted = new float[terms.size()];
            for (int i = 0; i < terms.size(); i++) {
                unweighted[i] = terms.get(i).term().evaluate(inputs).getFloat();
                expected += (float) terms.get(i).weight() * unweighted[i];
            }
            assertArrayEquals(unweighted, value.values(), "each term's unweighted value");
            // float32 products and sums in term order, bit for bit
            assertEquals(expected, value.total().getFloat(), 0f, "total = Σ weight · term");
            assertEquals(expected, loss.evaluate(new NDList(labels), outputs).getFloat(), 0f,
                    "the same total through DJL's Loss.evaluate(labels, predictions)");
        }
    }

    /**
     * The weights are applied in a way that autograd can replay: with freed memory reused between the
     * forward and the backward pass (see {@link ReusedNativeMemory}), every logit's gradient is the
     * weight times that of the term, as in an undisturbed pass. {@code value.mul(float)} failed this.
     */
    @Test
    void weightsSurviveFreedMemoryReuseBeforeBackward() throws Exception {
        LossTerm inlier = services.await(LossTerm.class, "inlier-posterior");
        WeightedLoss loss = new WeightedLoss(List.of(new WeightedLoss.Term(inlier, 0.03)));
        float[] undisturbed = weightedGradient(loss, () -> { });
        ReusedNativeMemory reuse = new ReusedNativeMemory();
        try {
            assertArrayEquals(undisturbed, weightedGradient(loss, reuse), 0f, "gradients after memory reuse");
        } finally {
            reuse.release();
        }
    }

    private static float[] weightedGradient(WeightedLoss loss, Runnable betweenForwardAndBackward) {
        try (NDManager manager = runtime.engine().newBaseManager()) {
            NDList outputs = outputs(manager, 2, 3, 4);
            outputs.get(1).setRequiresGradient(true);
            NDArray labels = manager.zeros(new Shape(2, 4, 4));
            try (GradientCollector collector = runtime.engine().newGradientCollector()) {
                NDArray total = loss.evaluate(WeightedLoss.inputs(outputs, labels)).total();
                betweenForwardAndBackward.run();
                collector.backward(total);
            }
            return outputs.get(1).getGradient().toFloatArray();
        }
    }

    @Test
    void nonFiniteTermIsNamed() throws Exception {
        LossTerm inlier = services.await(LossTerm.class, "inlier-posterior");
        LossTerm infinite = new DivergingTerm("test-infinite", 1, Float.POSITIVE_INFINITY);
        WeightedLoss loss = new WeightedLoss(List.of(new WeightedLoss.Term(inlier, 1.0),
                new WeightedLoss.Term(infinite, 0.5)));
        try (NDManager manager = runtime.engine().newBaseManager()) {
            NDList outputs = outputs(manager, 1, 2, 2);
            LossInputs inputs = WeightedLoss.inputs(outputs, manager.zeros(new Shape(1, 2, 2)));
            WeightedLoss.NonFiniteTerm e = assertThrows(WeightedLoss.NonFiniteTerm.class, () -> loss.evaluate(inputs));
            assertEquals("test-infinite", e.termId(), "term named");
            assertEquals(Float.POSITIVE_INFINITY, e.value(), "its value");
            assertEquals("Loss term 'test-infinite' is Infinity", e.getMessage(), "message");
        }
    }

    @Test
    void everyPresetTermIsARegisteredLossTerm() throws Exception {
        for (LossPreset preset : LossPreset.values()) {
            for (String id : preset.weights(LossPreset.BETA, true).keySet()) {
                assertEquals(id, services.await(LossTerm.class, id).id(), preset.id() + " term " + id);
            }
        }
    }

    @Test
    void scorerReadsTheLossTermsLogDensityAndPosterior() throws Exception {
        // One outlier pixel per batch: outlier-energy is then exactly ln p̂(x) and outlier-posterior exactly
        // −ln σ(g), so the scores must match them bit for bit, extremes included.
        LossTerm energy = services.await(LossTerm.class, "outlier-energy");
        LossTerm posterior = services.await(LossTerm.class, "outlier-posterior");
        float[][] pixels = {{0.5f, -1.25f, 3f, 0.1f}, {100f, -100f, 100f, -100f}, {-100f, -100f, -100f, 100f},
                {0f, 0f, 0f, 0f}, {7.3f, 7.3f, -2f, -30f}};
        try (NDManager manager = runtime.engine().newBaseManager()) {
            for (float[] pixel : pixels) {
                // three class logits and the outlier logit g of one pixel
                NDArray classLogits = manager.create(new float[] {pixel[0], pixel[1], pixel[2]}, new Shape(1, 3, 1, 1));
                NDArray outlierLogits = manager.create(new float[] {pixel[3]}, new Shape(1, 1, 1));
                LossInputs inputs = new LossInputs(classLogits, outlierLogits, manager.ones(new Shape(1, 1, 1)), null);
                float logDensity = energy.evaluate(inputs).getFloat();
                float logOutlier = -posterior.evaluate(inputs).getFloat();
                String at = java.util.Arrays.toString(pixel);
                assertEquals(-logDensity, score(ScoreKind.ENERGY, classLogits, outlierLogits), 0f, "energy " + at);
                assertEquals(logOutlier, score(ScoreKind.POSTERIOR, classLogits, outlierLogits), 0f, "posterior " + at);
                assertEquals(logOutlier - logDensity, score(ScoreKind.HYBRID, classLogits, outlierLogits), 0f,
                        "hybrid " + at);
            }
        }
    }

    private static float score(ScoreKind kind, NDArray classLogits, NDArray outlierLogits) {
        // score(classLogits, outlierLogits) does not touch the network
        return new AnomalyScorer(null, classLogits.getManager(), kind).score(classLogits, outlierLogits).getFloat();
    }

    /** Network-shaped outputs: class logits [N,C,H,W] and outlier logits [N,1,H,W], from a fixed formula. */
    private static NDList outputs(NDManager manager, int n, int classes, int side) {
        float[] classLogits = new float[n * classes * side * side];
        for (int i = 0; i < classLogits.length; i++) {
            classLogits[i] = (float) (3 * Math.sin(1.7 * i + 0.3));
        }
        float[] outlierLogits = new float[n * side * side];
        for (int i = 0; i < outlierLogits.length; i++) {
            outlierLogits[i] = (float) (2 * Math.cos(2.3 * i));
        }
        return new NDList(manager.create(classLogits, new Shape(n, classes, side, side)),
                manager.create(outlierLogits, new Shape(n, 1, side, side)));
    }
}

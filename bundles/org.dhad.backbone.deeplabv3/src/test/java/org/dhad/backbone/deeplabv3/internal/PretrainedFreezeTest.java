package org.dhad.backbone.deeplabv3.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;

import org.dhad.api.training.FreezePolicy;
import org.dhad.api.training.ParameterGroup;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;

/**
 * The paper's set-up: pretrained weights imported, {@link FreezePolicy#ALL} applied after the trainer is
 * created, two Adam steps: only the final BN-ReLU-Conv of both heads changes; everything else still holds
 * the file's values bit for bit.
 */
class PretrainedFreezeTest {

    private static final Shape INPUT = new Shape(2, 3, 32, 32);
    private static Services services;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws Exception {
        services = new Services();
    }

    @AfterAll
    static void stop() {
        services.close();
    }

    @Test
    void allPolicyTrainsOnlyTheFinalHeadsOfAnImportedNetwork() throws Exception {
        DeepLabV3Network net = services.tiny(3);
        Set<ParameterGroup> trained = Set.of(ParameterGroup.CLASS_HEAD_FINAL, ParameterGroup.OUTLIER_HEAD_FINAL);
        try (Model model = Model.newInstance("pretrained-freeze")) {
            model.setBlock(net.block());
            net.initialize(model.getNDManager(), INPUT);
            NumpyArchive archive = StateDicts.deeplab(net);
            Path file = dir.resolve("weights.npz");
            archive.write(file);
            net.loadWeights(file, false);
            DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.l2Loss())
                    .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed(0.01f)).build());
            try (Trainer trainer = model.newTrainer(config)) {
                net.freeze(FreezePolicy.ALL.frozenGroups());
                Map<String, float[]> before = WeightImportTest.snapshot(net, "");
                for (int step = 0; step < 2; step++) {
                    try (NDManager batch = trainer.getManager().newSubManager()) {
                        NDArray images = batch.randomUniform(0, 1, INPUT);
                        try (GradientCollector collector = trainer.newGradientCollector()) {
                            NDList out = trainer.forward(new NDList(images));
                            collector.backward(out.get(0).square().mean().add(out.get(1).square().mean()));
                        }
                        trainer.step();
                    }
                }
                Map<String, float[]> after = WeightImportTest.snapshot(net, "");
                before.forEach((name, values) -> {
                    boolean changed = !Arrays.equals(values, after.get(name));
                    if (trained.contains(net.groupOf(name))) {
                        assertTrue(changed, name + " (" + net.groupOf(name) + ") should train");
                    } else {
                        assertFalse(changed, name + " (" + net.groupOf(name) + ") should stay frozen");
                    }
                });
                // the frozen part still equals the file, so the trainer re-initialised nothing
                net.block().getParameters().forEach(pair -> {
                    if (!trained.contains(net.groupOf(pair.getKey()))) {
                        float[] expected = (float[]) archive.arrays().get(TorchvisionNames.torchName(pair.getKey()));
                        assertArrayEquals(expected, pair.getValue().getArray().toFloatArray(), 0f, pair.getKey());
                    }
                });
            }
        }
    }
}

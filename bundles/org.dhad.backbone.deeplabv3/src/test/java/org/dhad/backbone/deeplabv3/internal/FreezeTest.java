package org.dhad.backbone.deeplabv3.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.dhad.api.training.FreezePolicy;
import org.dhad.api.training.ParameterGroup;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;

/**
 * Three Adam steps under each freeze policy, freezing after the trainer is created: frozen groups keep
 * every tensor bit for bit, running statistics included; the other groups' weights and running
 * statistics move.
 */
class FreezeTest {

    private static final Shape INPUT = new Shape(2, 3, 32, 32);
    private static Services services;

    @BeforeAll
    static void start() throws Exception {
        services = new Services();
    }

    @AfterAll
    static void stop() {
        services.close();
    }

    @Test
    void allFreezesEverythingButTheFinalHeads() throws Exception {
        trainAndCompare(FreezePolicy.ALL);
    }

    @Test
    void backboneFreezesOnlyTheResNet() throws Exception {
        trainAndCompare(FreezePolicy.BACKBONE);
    }

    @Test
    void noneTrainsEverything() throws Exception {
        trainAndCompare(FreezePolicy.NONE);
    }

    private static void trainAndCompare(FreezePolicy policy) throws Exception {
        DeepLabV3Network net = services.tiny(3);
        Set<ParameterGroup> frozen = policy.frozenGroups();
        try (Model model = Model.newInstance("freeze-" + policy)) {
            model.setBlock(net.block());
            net.initialize(model.getNDManager(), INPUT);
            DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.l2Loss())
                    .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed(0.01f)).build());
            try (Trainer trainer = model.newTrainer(config)) {
                net.freeze(frozen);
                Map<String, float[]> before = snapshot(net);
                for (int step = 0; step < 3; step++) {
                    try (NDManager batch = trainer.getManager().newSubManager()) {
                        NDArray images = batch.randomUniform(0, 1, INPUT);
                        try (GradientCollector collector = trainer.newGradientCollector()) {
                            NDList out = trainer.forward(new NDList(images));
                            collector.backward(out.get(0).square().mean().add(out.get(1).square().mean()));
                        }
                        trainer.step();
                    }
                }
                Map<String, float[]> after = snapshot(net);
                net.block().getParameters().forEach(pair -> {
                    String name = pair.getKey();
                    Parameter p = pair.getValue();
                    boolean running = p.getType() == Parameter.Type.RUNNING_MEAN
                            || p.getType() == Parameter.Type.RUNNING_VAR;
                    boolean isFrozen = frozen.contains(net.groupOf(name));
                    boolean changed = !Arrays.equals(before.get(name), after.get(name));
                    if (isFrozen) {
                        assertFalse(changed, policy + ": frozen " + name + " changed");
                        assertFalse(p.requiresGradient(), policy + ": frozen " + name + " requires gradient");
                    } else {
                        assertTrue(changed, policy + ": trainable " + name + " did not change");
                        assertEquals(!running, p.requiresGradient(), policy + ": " + name + " requires gradient");
                    }
                });
                if (!frozen.isEmpty()) {
                    assertBackboneIgnoresTrainingFlag(net, trainer.getManager());
                }
                assertContextForwardsAsAtInference(net, trainer.getManager(), frozen.contains(ParameterGroup.CONTEXT));
            }
        }
    }

    /** A frozen backbone (no dropout in it) gives the same features whether forwarded for training or not. */
    private static void assertBackboneIgnoresTrainingFlag(DeepLabV3Network net, NDManager manager) {
        try (NDManager scope = manager.newSubManager()) {
            NDList x = new NDList(scope.randomUniform(0, 1, INPUT));
            ParameterStore store = new ParameterStore(scope, false);
            float[] training = net.block().backbone().forward(store, x, true).singletonOrThrow().toFloatArray();
            float[] inference = net.block().backbone().forward(store, x, false).singletonOrThrow().toFloatArray();
            assertArrayEquals(inference, training, 0f, "frozen batch norms use running statistics in training");
        }
    }

    /**
     * The context module (ASPP, with its dropout) frozen forwards as at inference whatever the training flag, as
     * PyTorch's {@code eval()} on a frozen module; trainable, its dropout is on in training.
     */
    private static void assertContextForwardsAsAtInference(DeepLabV3Network net, NDManager manager, boolean frozen) {
        try (NDManager scope = manager.newSubManager()) {
            ParameterStore store = new ParameterStore(scope, false);
            NDList features = net.block().backbone().forward(store, new NDList(scope.randomUniform(0, 1, INPUT)),
                    false);
            Block context = net.block().classifier().child("0");
            float[] training = context.forward(store, features, true).singletonOrThrow().toFloatArray();
            float[] inference = context.forward(store, features, false).singletonOrThrow().toFloatArray();
            if (frozen) {
                assertArrayEquals(inference, training, 0f, "a frozen context module drops nothing in training");
            } else {
                assertFalse(Arrays.equals(inference, training), "a trainable context module's dropout is on in "
                        + "training");
            }
        }
    }

    private static Map<String, float[]> snapshot(DeepLabV3Network net) {
        Map<String, float[]> values = new LinkedHashMap<>();
        net.block().getParameters().forEach(pair -> values.put(pair.getKey(), pair.getValue().getArray().toFloatArray()));
        return values;
    }
}

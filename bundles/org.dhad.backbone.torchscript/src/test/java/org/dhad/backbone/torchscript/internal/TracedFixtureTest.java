package org.dhad.backbone.torchscript.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;

import org.dhad.api.training.FreezePolicy;
import org.dhad.api.training.ParameterGroup;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;

/**
 * The {@code torchscript} backbone on files made by PyTorch ({@code releng/scripts/make-torchscript-fixtures.py}):
 * a module with a tuple output (features, class logits) and one with a single feature output, both with
 * batch norms, traced in eval mode. Tested at the network level, as the engine drives a network (names
 * from {@code getParameters()} to groups, trainer, then freeze, checkpoints through
 * {@code saveParameters}/{@code loadParameters}): the engine's services are not reachable from a backbone
 * bundle's tests without making the plugin depend on the engine.
 */
class TracedFixtureTest {

    private static final Shape INPUT = new Shape(2, 3, 32, 32);
    private static TracedFixtures fixtures;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws Exception {
        fixtures = new TracedFixtures();
    }

    @AfterAll
    static void stop() {
        fixtures.close();
    }

    /** libtorch 2.7.1 runs the file as PyTorch 2.13 did when it traced it. */
    @ParameterizedTest
    @ValueSource(strings = {TracedFixtures.TUPLE, TracedFixtures.SINGLE})
    void outputsAgreeWithPyTorch(String name) throws Exception {
        try (TracedModule module = TracedModule.load(TracedFixtures.copy(name, dir));
                NDManager manager = NDManager.newBaseManager()) {
            NDList expected = TracedFixtures.expected(manager, name);
            NDList actual = module.block().forward(new ParameterStore(manager, false),
                    new NDList(expected.get("input")), false);
            assertEquals(expected.size() - 1, actual.size(), name + ": number of outputs");
            for (int i = 0; i < actual.size(); i++) {
                NDArray want = expected.get("output" + i);
                assertEquals(want.getShape(), actual.get(i).getShape(), name + " output " + i);
                float difference = actual.get(i).sub(want).abs().max().getFloat();
                assertTrue(difference < 1e-5f, name + " output " + i + " differs from PyTorch by " + difference);
            }
        }
    }

    /**
     * Every name the engine reads from {@code getParameters()} (DJL prefixes children with their position:
     * {@code 01backbone_stem.0.weight}) has the group of the block that owns the parameter.
     */
    @ParameterizedTest
    @ValueSource(strings = {TracedFixtures.TUPLE, TracedFixtures.SINGLE})
    void everyParameterHasTheGroupOfItsBlock(String name) throws Exception {
        TorchScriptNetwork net = fixtures.create(TracedFixtures.settings(name, TracedFixtures.copy(name, dir)));
        Map<ParameterGroup, Integer> counts = new EnumMap<>(ParameterGroup.class);
        net.block().getParameters().forEach(pair -> {
            ParameterGroup group = net.groupOf(pair.getKey());
            counts.merge(group, 1, Integer::sum);
            boolean traced = net.block().backbone().getParameters().values().contains(pair.getValue());
            assertEquals(traced, group == ParameterGroup.BACKBONE, pair.getKey() + " is " + group);
        });
        // tuple-seg: stem/body conv + BN weight, bias and the classifier conv's weight and bias (8 tensors);
        // single-features: three conv + BN triples (9); each outlier/class head: BN (4) + conv (2)
        boolean tuple = name.equals(TracedFixtures.TUPLE);
        assertEquals(tuple ? 8 : 9, counts.get(ParameterGroup.BACKBONE), name + ": " + net.groups());
        assertEquals(6, counts.get(ParameterGroup.OUTLIER_HEAD_FINAL), name + ": " + net.groups());
        assertEquals(tuple ? null : 6, counts.get(ParameterGroup.CLASS_HEAD_FINAL), name + ": " + net.groups());
        String m = assertThrows(IllegalArgumentException.class, () -> net.groupOf("backbone_stem.0.weight"))
                .getMessage();
        assertTrue(m.contains("'backbone_stem.0.weight'") && m.contains("01backbone_"), m);
    }

    /**
     * Three Adam steps under each policy: parameters of trained groups change; frozen ones, and every
     * batch-norm running statistic outside a trained head, stay bit for bit (the traced batch norms were
     * traced in eval mode and keep their statistics even while the module trains).
     */
    @ParameterizedTest
    @CsvSource({"tuple-seg,ALL", "tuple-seg,BACKBONE", "tuple-seg,NONE", "single-features,ALL",
        "single-features,BACKBONE", "single-features,NONE"})
    void trainsOnlyWhatThePolicyTrains(String name, FreezePolicy policy) throws Exception {
        TorchScriptNetwork net = fixtures.create(TracedFixtures.settings(name, TracedFixtures.copy(name, dir)));
        try (Model model = Model.newInstance("traced-" + name)) {
            model.setBlock(net.block());
            net.initialize(model.getNDManager(), INPUT);
            Map<String, float[]> before;
            try (Trainer trainer = model.newTrainer(config())) {
                net.freeze(policy.frozenGroups());
                before = TracedFixtures.snapshot(net.block());
                train(trainer, 3);
            }
            Map<String, float[]> after = TracedFixtures.snapshot(net.block());
            int changed = 0;
            for (var pair : net.block().getParameters()) {
                String key = pair.getKey();
                ParameterGroup group = net.groupOf(key);
                boolean same = Arrays.equals(before.get(key), after.get(key));
                // a trained head's batch norm updates its running statistics; the traced ones are constants
                boolean running = isRunningStatistic(pair.getValue());
                if (policy.trains(group) && (!running || group != ParameterGroup.BACKBONE)) {
                    assertFalse(same, key + " (" + group + ") should train under " + policy);
                    changed++;
                } else {
                    assertTrue(same, key + " (" + group + ") should stay bit-identical under " + policy);
                }
            }
            assertTrue(changed > 0, "nothing trained");
        }
    }

    /**
     * A checkpoint written as the engine writes one ({@code saveParameters}) and read into a fresh network
     * ({@code loadParameters}): the same values and predictions; training then goes on from it and a
     * second checkpoint holds what was trained.
     */
    @ParameterizedTest
    @ValueSource(strings = {TracedFixtures.TUPLE, TracedFixtures.SINGLE})
    void checkpointResumesAndPredicts(String name) throws Exception {
        Path file = TracedFixtures.copy(name, dir);
        Path first = dir.resolve("first.params");
        Path second = dir.resolve("second.params");
        Map<String, float[]> trained;
        float[] prediction;
        TorchScriptNetwork a = fixtures.create(TracedFixtures.settings(name, file));
        try (Model model = Model.newInstance("a")) {
            model.setBlock(a.block());
            a.initialize(model.getNDManager(), INPUT);
            try (Trainer trainer = model.newTrainer(config())) {
                a.freeze(FreezePolicy.NONE.frozenGroups());
                train(trainer, 2);
            }
            save(a, first);
            trained = TracedFixtures.snapshot(a.block());
            prediction = predict(a, model.getNDManager(), name);
        }
        TorchScriptNetwork b = fixtures.create(TracedFixtures.settings(name, file));
        Map<String, float[]> resumedTrained;
        try (Model model = Model.newInstance("b")) {
            model.setBlock(b.block());
            b.initialize(model.getNDManager(), INPUT);
            load(b, model.getNDManager(), first);
            assertSameValues(trained, TracedFixtures.snapshot(b.block()), "resumed network");
            assertArrayEquals(prediction, predict(b, model.getNDManager(), name), 0f, "prediction after resume");
            try (Trainer trainer = model.newTrainer(config())) {
                b.freeze(FreezePolicy.NONE.frozenGroups());
                train(trainer, 1);
            }
            resumedTrained = TracedFixtures.snapshot(b.block());
            b.block().backbone().getParameters().forEach(pair -> assertFalse(Arrays.equals(trained.get("01backbone_"
                    + pair.getKey()), resumedTrained.get("01backbone_" + pair.getKey())), pair.getKey()
                            + " trains after the resume"));
            save(b, second);
        }
        // what the optimizer changed after the resume is what the module computes with and saves
        TorchScriptNetwork c = fixtures.create(TracedFixtures.settings(name, file));
        try (Model model = Model.newInstance("c")) {
            model.setBlock(c.block());
            c.initialize(model.getNDManager(), INPUT);
            load(c, model.getNDManager(), second);
            assertSameValues(resumedTrained, TracedFixtures.snapshot(c.block()), "second checkpoint");
        }
    }

    /** A checkpoint of one traced module read into a network on another names the parameter and the file. */
    @Test
    void checkpointOfAnotherModuleIsRefused() throws Exception {
        Path tuple = TracedFixtures.copy(TracedFixtures.TUPLE, dir);
        Path single = TracedFixtures.copy(TracedFixtures.SINGLE, dir);
        Path checkpoint = dir.resolve("tuple.params");
        TorchScriptNetwork a = fixtures.create(TracedFixtures.settings(TracedFixtures.SINGLE, tuple));
        TorchScriptNetwork b = fixtures.create(TracedFixtures.settings(TracedFixtures.SINGLE, single));
        try (NDManager manager = NDManager.newBaseManager()) {
            a.initialize(manager, INPUT);
            b.initialize(manager, INPUT);
            save(a, checkpoint);
            String m = assertThrows(MalformedModelException.class, () -> load(b, manager, checkpoint)).getMessage();
            assertTrue(m.contains("no parameter 'layers.0.weight' of " + single), m);
        }
    }

    private static DefaultTrainingConfig config() {
        return new DefaultTrainingConfig(Loss.l2Loss())
                .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed(0.01f)).build());
    }

    /** {@code steps} Adam steps on random images; the loss pulls both logit maps towards zero. */
    private static void train(Trainer trainer, int steps) {
        for (int step = 0; step < steps; step++) {
            try (NDManager batch = trainer.getManager().newSubManager()) {
                NDArray images = batch.randomUniform(0, 1, INPUT);
                try (GradientCollector collector = trainer.newGradientCollector()) {
                    NDList out = trainer.forward(new NDList(images));
                    collector.backward(out.get(0).sub(1).square().mean().add(out.get(1).sub(1).square().mean()));
                }
                trainer.step();
            }
        }
    }

    /** Class and outlier logits of the fixture's fixed input, inference mode, flattened one after the other. */
    private static float[] predict(TorchScriptNetwork net, NDManager manager, String name) throws Exception {
        try (NDManager scope = manager.newSubManager()) {
            NDArray input = TracedFixtures.expected(scope, name).get("input");
            NDList out = net.block().forward(new ParameterStore(scope, false), new NDList(input), false);
            assertEquals(new Shape(2, net.classCount(), 32, 32), out.get(0).getShape(), "class logits");
            assertEquals(new Shape(2, 1, 32, 32), out.get(1).getShape(), "outlier logits");
            float[] classes = out.get(0).toFloatArray();
            float[] outlier = out.get(1).toFloatArray();
            float[] all = Arrays.copyOf(classes, classes.length + outlier.length);
            System.arraycopy(outlier, 0, all, classes.length, outlier.length);
            for (float v : all) {
                assertTrue(Float.isFinite(v), "prediction is not finite");
            }
            return all;
        }
    }

    private static void save(TorchScriptNetwork net, Path file) throws Exception {
        try (OutputStream out = Files.newOutputStream(file); DataOutputStream data = new DataOutputStream(out)) {
            net.block().saveParameters(data);
        }
    }

    private static void load(TorchScriptNetwork net, NDManager manager, Path file) throws Exception {
        try (InputStream in = Files.newInputStream(file); DataInputStream data = new DataInputStream(in)) {
            net.block().loadParameters(manager, data);
        }
    }

    private static void assertSameValues(Map<String, float[]> expected, Map<String, float[]> actual, String what) {
        assertEquals(expected.keySet(), actual.keySet(), what + ": parameter names");
        expected.forEach((key, values) -> assertArrayEquals(values, actual.get(key), 0f, what + ": " + key));
    }

    private static boolean isRunningStatistic(Parameter parameter) {
        return parameter.getType() == Parameter.Type.RUNNING_MEAN || parameter.getType() == Parameter.Type.RUNNING_VAR;
    }
}

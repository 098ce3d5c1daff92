package org.dhad.engine.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;


import org.dhad.api.loss.LossTerm;
import org.dhad.engine.EngineException;
import org.dhad.experiment.ExperimentSpec;
import org.dhad.experiment.PasteSpec;
import org.dhad.experiment.PluginChoice;
import org.dhad.engine.RunListener;
import org.dhad.engine.RunResult;
import org.dhad.experiment.Schedule;
import org.dhad.engine.StepReport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Validation, bit-identical repeat runs, cancel and resume, and a diverging loss, on a tiny network. */
class TrainingServiceTest {

    private static EngineServices services;

    @TempDir
    static Path runs;

    @BeforeAll
    static void start() throws Exception {
        services = new EngineServices();
    }

    @AfterAll
    static void stop() {
        services.close();
    }

    @Test
    void aGpuLibtorchDoesNotSeeIsRefusedNamingTheDevicesItDoes() throws Exception {
        ExperimentSpec good = EngineServices.tiny("gpu", 1, EngineServices.paperLoss());
        ExperimentSpec onGpu = good.withSchedule(good.schedule().with(Schedule.DEVICE, "cuda:0"));
        List<String> problems = services.training.validate(onGpu);
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("schedule.device: device cuda:0 is not available; libtorch 2.7.1 here sees cpu"),
                problems.get(0));
        EngineException e = assertThrows(EngineException.class,
                () -> services.training.train(onGpu, runs, RunListener.NONE));
        assertTrue(e.getMessage().contains("cuda:0 is not available"), e.getMessage());
        assertFalse(Files.exists(runs.resolve("gpu")), "nothing written for a device that is not there");
        assertEquals(List.of(), services.training.validate(good.withSchedule(good.schedule().with(Schedule.DEVICE, "cpu"))),
                "cpu is always there");
    }

    @Test
    void validationListsEveryProblemAndWritesNothing() throws Exception {
        ExperimentSpec good = EngineServices.tiny("valid", 1, EngineServices.paperLoss());
        assertEquals(List.of(), services.training.validate(good), "the tiny experiment is valid");
        Map<String, Double> loss = new LinkedHashMap<>();
        loss.put("inlier-posterior", -1.0);
        loss.put("no-such-term", 1.0);
        loss.put("segmentation-ce", 1.0);
        ExperimentSpec bad = new ExperimentSpec("bad", new PluginChoice("deeplabv3", Map.of("depth", "34")), null,
                good.dataset(), List.of("zzz"), good.negatives(),
                good.paste().with(PasteSpec.PROBABILITY, 1.5).with(PasteSpec.MIN_SCALE, 0.5).with(PasteSpec.MAX_SCALE, 0.2),
                loss, good.freeze(), good.schedule().with(Schedule.EPOCHS, 0).with(Schedule.MIN_LEARNING_RATE, 1e-2)
                        .with(Schedule.LEARNING_RATE, 1e-3), 1,
                List.of("no-such-metric"), good.score());
        List<String> problems = services.training.validate(bad);
        String all = String.join("\n", problems);
        for (String expected : new String[] {"'depth'", "inlier-posterior", "no-such-term", "segmentation-ce",
                "category 'zzz'", "no-such-metric", "schedule.epochs", "minLearningRate", "paste.probability",
                "minScale"}) {
            assertTrue(all.contains(expected), "a problem mentions " + expected + ":\n" + all);
        }
        assertTrue(all.contains("pixel-auroc"), "the unknown metric's message lists the known ids:\n" + all);
        EngineException e = assertThrows(EngineException.class,
                () -> services.training.train(bad, runs, RunListener.NONE));
        assertTrue(e.getMessage().contains("no-such-metric"), e.getMessage());
        assertFalse(Files.exists(runs.resolve("bad")), "nothing written for an invalid experiment");
    }

    @Test
    void sameSeedSameLossesAndResumeContinuesExactly() throws Exception {
        ExperimentSpec spec = EngineServices.tiny("repeat", 2, EngineServices.paperLoss());
        List<StepReport> reports = new ArrayList<>();
        RunResult first = services.training.train(spec, runs, new RunListener() {
            @Override
            public void onStep(StepReport report) {
                reports.add(report);
            }
        });
        RunResult second = services.training.train(spec, runs, RunListener.NONE);
        assertEquals(8, first.stepsCompleted(), "2 epochs of 4 steps");
        assertEquals(8, reports.size(), "one report per step");
        assertEquals(4, reports.get(0).stepsPerEpoch(), "16 images in batches of 4");
        assertTrue(reports.get(0).learningRate() > reports.get(7).learningRate(), "cosine decay");
        List<String> a = losses(first.runDir());
        assertEquals(8, a.size(), "8 rows in " + first.runDir());
        assertEquals(a, losses(second.runDir()), "same seed, same losses");
        assertTrue(Files.isRegularFile(first.runDir().resolve("checkpoints/epoch-002.params")), "epoch checkpoint");
        assertTrue(Files.isRegularFile(first.runDir().resolve("experiment.json")), "experiment.json");

        RunResult canceled = services.training.train(spec, runs, cancelAfter(6));
        assertTrue(canceled.canceled(), "canceled");
        assertEquals(6, canceled.stepsCompleted(), "canceled after 6 steps, in the second epoch");
        RunResult resumed = services.training.resume(canceled.runDir(), RunListener.NONE);
        assertFalse(resumed.canceled(), "resumed run finished");
        assertEquals(8, resumed.stepsCompleted(), "resumed to the end");
        assertEquals(a, losses(canceled.runDir()), "cancel + resume gives the uninterrupted losses");
        assertArrayEquals(Files.readAllBytes(first.runDir().resolve("checkpoints/epoch-002.params")),
                Files.readAllBytes(canceled.runDir().resolve("checkpoints/epoch-002.params")),
                "cancel + resume gives the uninterrupted final parameters");
        assertEquals(List.of("epoch-001.json", "epoch-002.json", "latest.json"), checkpointFiles(canceled.runDir()),
                "the interrupted checkpoint is gone once an epoch after it is written");
    }

    /**
     * What {@code kill -9} leaves: the log has rows past the newest checkpoint (here the epoch-1 one at step
     * 4, with steps 5 and 6 logged and step 7 half written). Resuming drops those rows, trains them again
     * and ends with the uninterrupted run's log and final parameters, byte for byte.
     */
    @Test
    void killedMidEpochResumesToTheUninterruptedRun() throws Exception {
        ExperimentSpec spec = EngineServices.tiny("killed", 2, EngineServices.paperLoss());
        RunResult reference = services.training.train(spec, runs, RunListener.NONE);
        RunResult killed = services.training.train(spec, runs, cancelAfter(6));
        Path checkpoints = killed.runDir().resolve(Checkpoints.FOLDER);
        try (Stream<Path> files = Files.list(checkpoints)) {
            for (Path f : files.filter(f -> f.getFileName().toString().startsWith("interrupted-")).toList()) {
                Files.delete(f);
            }
        }
        Files.writeString(checkpoints.resolve("latest.json"), "{\"stem\":\"epoch-001\"}");
        Files.writeString(killed.runDir().resolve(TrainLog.FILE), "2,3,7,0.6", StandardOpenOption.APPEND);
        assertEquals(6, losses(killed.runDir()).size() - 1, "six rows and a half-written one before the resume");

        RunResult resumed = services.training.resume(killed.runDir(), RunListener.NONE);
        assertEquals(8, resumed.stepsCompleted(), "resumed to the end");
        assertEquals(losses(reference.runDir()), losses(killed.runDir()), "each step once, as uninterrupted");
        assertArrayEquals(Files.readAllBytes(reference.runDir().resolve("checkpoints/epoch-002.params")),
                Files.readAllBytes(checkpoints.resolve("epoch-002.params")), "the same final parameters");
    }

    @Test
    void onlyTheLastTwoEpochCheckpointsAreKept() throws Exception {
        RunResult run = services.training.train(EngineServices.tiny("prune", 3, EngineServices.paperLoss()), runs,
                RunListener.NONE);
        assertEquals(List.of("epoch-002.json", "epoch-003.json", "latest.json"), checkpointFiles(run.runDir()));
        assertTrue(Files.isRegularFile(run.runDir().resolve("checkpoints/epoch-003.params")));
        assertFalse(Files.exists(run.runDir().resolve("checkpoints/epoch-001.params")), "pruned");
        assertFalse(Files.exists(run.runDir().resolve("checkpoints/epoch-001.optimizer")), "pruned");
    }

    private static List<String> checkpointFiles(Path runDir) throws Exception {
        try (var files = Files.list(runDir.resolve("checkpoints"))) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".json")).sorted().toList();
        }
    }

    @Test
    void nonFiniteTermStopsNamingStepAndTerm() throws Exception {
        services.register(LossTerm.class, new DivergingTerm("test-nan", 3, Float.NaN), "test-nan");
        Map<String, Double> loss = EngineServices.paperLoss();
        loss.put("test-nan", 1.0);
        EngineException e = assertThrows(EngineException.class,
                () -> services.training.train(EngineServices.tiny("nan", 1, loss), runs, RunListener.NONE));
        assertTrue(e.getMessage().contains("'test-nan'") && e.getMessage().contains("step 3"), e.getMessage());
        try (Stream<Path> files = Files.walk(runs.resolve("nan"))) {
            assertTrue(files.anyMatch(p -> p.getFileName().toString().equals("diverged-001-000002.params")),
                    "last good state saved");
        }
    }

    /** A listener that cancels the run once {@code steps} steps are done. */
    static RunListener cancelAfter(int steps) {
        AtomicInteger done = new AtomicInteger();
        return new RunListener() {
            @Override
            public void onStep(StepReport report) {
                done.incrementAndGet();
            }

            @Override
            public boolean isCanceled() {
                return done.get() >= steps;
            }
        };
    }

    /** epoch, step, global step, terms and total of every log row. */
    static List<String> losses(Path runDir) throws IOException {
        List<String> lines = Files.readAllLines(runDir.resolve(TrainLog.FILE));
        int columns = lines.get(0).split(",").length - 3;
        return lines.stream().skip(1).map(l -> String.join(",", Arrays.copyOf(l.split(","), columns))).toList();
    }
}

package org.dhad.results;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Run folders read back: configuration, state, training log, metrics, and what is wrong with bad files. */
class RunFolderTest {

    @TempDir
    Path runs;

    @Test
    void readsConfigurationHistoryAndMetrics() throws Exception {
        Path dir = RunFixtures.experiment(runs, "mask-all", "20261129-101500", "ALL", "MASK", 40);
        RunFixtures.log(dir, 5, true);
        RunFixtures.metrics(dir, 0.8, 0.6, 0.3);
        RunFolder run = RunFolder.open(dir);

        RunConfiguration c = run.configuration();
        assertEquals("mask-all", c.name());
        assertEquals(List.of("grid", "wood"), c.categories());
        assertEquals("inlier-posterior×1 + outlier-energy×0.03", c.lossSummary());
        assertEquals("mask-all/20261129-101500", run.label());
        assertEquals(RunState.EVALUATED, run.state());

        TrainingHistory h = run.history();
        assertEquals(5, h.size(), "the half-written last line is left out");
        assertEquals(List.of("inlier-posterior", "outlier-energy"), h.termIds());
        assertArrayEquals(new double[] {-1, -2, -3, -4, -5}, h.term("outlier-energy"), 0);
        assertEquals(2f / 3, h.term("inlier-posterior")[2], 0, "Float.toString round trip");
        assertEquals(0.001, h.learningRate()[0], 1e-12);

        RunMetrics m = run.metrics().orElseThrow();
        assertEquals(0.7, m.mean().get("pixel-auroc"), 1e-12);
        assertTrue(Double.isNaN(m.perCategory().get("wood").get("pixel-fpr95").value()), "NaN read back");
        assertEquals(List.of("pixel-auroc"), m.metricsWithCurves());
        assertArrayEquals(new double[] {0, 0.8, 1}, m.curve("grid", "pixel-auroc").orElseThrow().y(), 0);
        assertTrue(m.curve("wood", "pixel-auroc").isEmpty());
        assertTrue(run.gallery().isEmpty(), "no gallery.json, no gallery");

        assertSame(m, run.metrics().orElseThrow(), "an unchanged metrics.json is not parsed again");
        RunFixtures.metrics(dir, 0.9, 0.7, 0.3);
        Files.setLastModifiedTime(dir.resolve(RunMetrics.FILE), FileTime.from(Instant.now().plusSeconds(5)));
        assertEquals(0.8, run.metrics().orElseThrow().mean().get("pixel-auroc"), 1e-12, "a rewritten one is");
    }

    @Test
    void stateFollowsTheFiles() throws Exception {
        Path dir = RunFixtures.experiment(runs, "e", "20261129-090000", "NONE", "RECTANGLE", 2);
        assertEquals(RunState.CREATED, RunFolder.open(dir).state());
        RunFixtures.log(dir, 3, false);
        assertEquals(RunState.TRAINING, RunFolder.open(dir).state(), "log just written");
        Files.setLastModifiedTime(dir.resolve(TrainingHistory.FILE),
                FileTime.from(Instant.now().minusSeconds(RunFolder.ACTIVE_SECONDS + 5)));
        assertEquals(RunState.STOPPED, RunFolder.open(dir).state(), "log untouched for a while");
        Path checkpoints = Files.createDirectories(dir.resolve("checkpoints"));
        Files.writeString(checkpoints.resolve("latest.json"), "{\"stem\":\"epoch-002\"}");
        Files.writeString(checkpoints.resolve("epoch-002.json"), "{\"stem\":\"epoch-002\",\"epoch\":2,\"batch\":0}");
        assertEquals(2, RunFolder.open(dir).trainedEpochs());
        assertEquals(RunState.TRAINED, RunFolder.open(dir).state());
        RunFixtures.metrics(dir, 0.5, 0.5, 0.5);
        assertEquals(RunState.EVALUATED, RunFolder.open(dir).state());
    }

    @Test
    void findsRunsNewestFirstAndSkipsDamagedOnes() throws Exception {
        RunFixtures.experiment(runs, "a", "20261129-080000", "ALL", "MASK", 1);
        RunFixtures.experiment(runs, "b", "20261129-090000", "ALL", "MASK", 1);
        Path broken = Files.createDirectories(runs.resolve("c/20261129-100000"));
        Files.writeString(broken.resolve(RunFolder.EXPERIMENT_FILE), "{ not json", StandardCharsets.UTF_8);
        List<String> labels = RunFolder.find(runs).stream().map(RunFolder::label).toList();
        assertEquals(List.of("b/20261129-090000", "a/20261129-080000"), labels);
        assertEquals(List.of(), RunFolder.find(runs.resolve("absent")));
    }

    @Test
    void badInputIsNamed() throws Exception {
        ResultsException missing = assertThrows(ResultsException.class, () -> RunFolder.open(runs.resolve("nope")));
        assertTrue(missing.getMessage().contains("nope") && missing.getMessage().contains("no such folder"),
                missing.getMessage());
        ResultsException notRun = assertThrows(ResultsException.class, () -> RunFolder.open(runs));
        assertTrue(notRun.getMessage().contains("experiment.json"), notRun.getMessage());

        Path dir = RunFixtures.experiment(runs, "e", "20261129-090000", "ALL", "MASK", 1);
        Files.writeString(dir.resolve(TrainingHistory.FILE), "epoch,step,global_step,total\n1,1,1,x\n");
        ResultsException header = assertThrows(ResultsException.class, () -> RunFolder.open(dir).history());
        assertTrue(header.getMessage().contains("train-log.csv") && header.getMessage().contains("expected epoch"),
                header.getMessage());
        RunFixtures.log(dir, 2, false);
        Files.writeString(dir.resolve(TrainingHistory.FILE), "1,3,3,0.1,oops,0.2,0.001,1,1\n",
                java.nio.file.StandardOpenOption.APPEND);
        ResultsException number = assertThrows(ResultsException.class, () -> RunFolder.open(dir).history());
        assertTrue(number.getMessage().contains("line 4") && number.getMessage().contains("oops"),
                number.getMessage());
        Files.writeString(dir.resolve(RunMetrics.FILE), "{\"metrics\": 3}");
        ResultsException metrics = assertThrows(ResultsException.class, () -> RunFolder.open(dir).metrics());
        assertTrue(metrics.getMessage().contains("metrics.json"), metrics.getMessage());
    }
}

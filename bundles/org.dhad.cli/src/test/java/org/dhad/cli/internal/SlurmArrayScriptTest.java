package org.dhad.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sweep's batch script: its #SBATCH lines, one task per experiment x category x seed, and what a task runs
 * (train the first time, resume and evaluate after a checkpoint, nothing once evaluated), run with bash for real;
 * the launcher it starts is a script that records its arguments in place of dhad.
 */
class SlurmArrayScriptTest {

    @TempDir
    Path temp;

    @Test
    void directivesAndOneCaseLinePerTask() throws IOException {
        SweepFolder sweep = sweep(2);
        String script = SlurmArrayScript.of(sweep, new SlurmArrayScript.Options("gpu", "1:00:00", 4, "16G", "1",
                "proj", List.of("--qos=long")), env());
        List<String> lines = script.lines().toList();
        assertEquals("#!/usr/bin/env bash", lines.get(0));
        assertTrue(lines.containsAll(List.of("#SBATCH --job-name=dhad-sweep-x", "#SBATCH --array=0-3%2",
                "#SBATCH --output=" + sweep.dir() + "/slurm-%A_%a.out", "#SBATCH --signal=B:TERM@120",
                "#SBATCH --partition=gpu", "#SBATCH --time=1:00:00", "#SBATCH --cpus-per-task=4", "#SBATCH --mem=16G",
                "#SBATCH --gpus-per-task=1", "#SBATCH --account=proj", "#SBATCH --qos=long")), script);
        assertTrue(lines.contains("  3) task='b-grid-s1' ;; # b, category grid, seed 1"), script);
        assertTrue(lines.contains("export DHAD_NATIVE_CACHE='/shared/native'"), script);
        assertFalse(script.contains("DHAD_HEAP"), "a variable not set is not exported");
        // every #SBATCH line comes before the first command: sbatch stops reading them there
        int lastDirective = lines.lastIndexOf(lines.stream().filter(l -> l.startsWith("#SBATCH")).reduce((a, b) -> b)
                .orElseThrow());
        assertTrue(lines.subList(1, lastDirective).stream().allMatch(l -> l.startsWith("#")), script);

        String defaults = SlurmArrayScript.of(sweep(null), new SlurmArrayScript.Options(null, null, null, null, null,
                null, null), env());
        assertTrue(defaults.contains("#SBATCH --array=0-3\n"), defaults);
        assertFalse(defaults.contains("--partition") || defaults.contains("--time=") || defaults.contains("--mem"),
                "options not given are left to the cluster: " + defaults);
    }

    @Test
    void theSignalComesBeforeTheTimeLimitButNotBeforeTheTaskStarts() {
        assertEquals(-1, SlurmArrayScript.seconds(null));
        assertEquals(600, SlurmArrayScript.seconds("10"), "minutes");
        assertEquals(630, SlurmArrayScript.seconds("10:30"), "minutes:seconds");
        assertEquals(4 * 3600 + 5, SlurmArrayScript.seconds("4:00:05"));
        assertEquals(2 * 86400 + 3 * 3600, SlurmArrayScript.seconds("2-3"), "days-hours");
        assertEquals(86400 + 3600 + 120 + 3, SlurmArrayScript.seconds("1-1:02:03"));
        assertEquals(-1, SlurmArrayScript.seconds("UNLIMITED"), "left to sbatch");
        assertEquals(120, SlurmArrayScript.signalSeconds("4:00:00"));
        assertEquals(120, SlurmArrayScript.signalSeconds(null), "no limit: the default");
        assertEquals(15, SlurmArrayScript.signalSeconds("1"), "a one-minute limit: 15 s before it, not at the start");
    }

    @Test
    void aTaskTrainsThenResumesFromItsCheckpointThenDoesNothing() throws Exception {
        SweepFolder sweep = sweep(null);
        Path script = write(sweep);
        SweepFolder.Task task = sweep.tasks().get(1);

        assertEquals(0, run(script, 1).exit);
        assertEquals(List.of("train " + sweep.experimentCopy(task) + " --runs " + sweep.dir() + " --evaluate"),
                calls(), "first attempt trains and evaluates the task's copy into the sweep folder");
        assertTrue(Files.readString(sweep.taskDir(task).resolve("task.out")).contains("task 1 (a-grid-s1)"),
                "output goes beside the run");

        Path run = Files.createDirectories(sweep.taskDir(task).resolve("20261205-100000"));
        Files.writeString(run.resolve("experiment.json"), "{}");
        Files.createDirectories(run.resolve("checkpoints"));
        Files.writeString(run.resolve("checkpoints/latest.json"), "{\"stem\": \"epoch-001\"}");
        Files.delete(temp.resolve("calls"));
        assertEquals(0, run(script, 1).exit);
        assertEquals(List.of("resume " + run, "evaluate " + run), calls(), "a resubmitted task continues its run");

        Files.writeString(run.resolve("metrics.json"), "{}");
        Files.delete(temp.resolve("calls"));
        assertEquals(0, run(script, 1).exit);
        assertFalse(Files.exists(temp.resolve("calls")), "an evaluated task starts nothing");

        Result none = run(script, 9);
        assertEquals(2, none.exit);
        assertTrue(none.err.contains("no task 9 in " + sweep.dir() + " (0-3)"), none.err);
    }

    @Test
    void sigtermGoesOnToDhadWhichEndsTheTask() throws Exception {
        Path launcher = temp.resolve("slow-dhad");
        // stands for dhad: on SIGTERM it "writes its checkpoint" and exits 130 as dhad does; it ends by itself
        // after 30 s should the signal never come
        Files.writeString(launcher, "#!/usr/bin/env bash\ntrap 'echo checkpoint >> " + temp.resolve("calls")
                + "; exit 130' TERM\necho started >> " + temp.resolve("calls")
                + "\nfor i in $(seq 1 300); do sleep 0.1; done\n");
        Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
        SweepFolder sweep = new SweepFolder(temp.resolve("sweep-x"), "now", launcher.toString(), null, tasks(),
                List.of());
        Path script = write(sweep);
        ProcessBuilder pb = new ProcessBuilder("bash", script.toString()).redirectErrorStream(true)
                .redirectOutput(temp.resolve("out").toFile());
        pb.environment().put("SLURM_ARRAY_TASK_ID", "0");
        Process p = pb.start();
        long end = System.currentTimeMillis() + 20_000;
        while (!(Files.exists(temp.resolve("calls")) && Files.readString(temp.resolve("calls")).contains("started"))
                && System.currentTimeMillis() < end) {
            Thread.sleep(50);
        }
        new ProcessBuilder("kill", "-TERM", String.valueOf(p.pid())).start().waitFor();
        assertTrue(p.waitFor(20, TimeUnit.SECONDS), "the task ended after SIGTERM");
        assertEquals(143, p.exitValue(), "ended by SIGTERM, not finished: a resubmission runs it again");
        assertEquals(List.of("started", "checkpoint"), calls(), "dhad got the signal and wrote its checkpoint");
    }

    private record Result(int exit, String err) {
    }

    private Result run(Path script, int index) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("bash", script.toString()).redirectError(temp.resolve("err").toFile())
                .redirectOutput(temp.resolve("out").toFile());
        pb.environment().put("SLURM_ARRAY_TASK_ID", String.valueOf(index));
        Process p = pb.start();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        return new Result(p.exitValue(), Files.readString(temp.resolve("err")));
    }

    private List<String> calls() throws IOException {
        Path calls = temp.resolve("calls");
        return Files.exists(calls) ? Files.readAllLines(calls) : List.of();
    }

    private Path write(SweepFolder sweep) throws IOException {
        Files.createDirectories(sweep.dir());
        Files.writeString(sweep.script(), SlurmArrayScript.of(sweep, new SlurmArrayScript.Options(null, null, null,
                null, null, null, null), env()), StandardCharsets.UTF_8);
        return sweep.script();
    }

    /** Tasks of experiments a and b x categories fabric, grid; seed 1; in a folder whose name has a quote. */
    private SweepFolder sweep(Integer maxParallel) throws IOException {
        Path launcher = temp.resolve("it's dhad");
        Files.writeString(launcher, "#!/usr/bin/env bash\necho \"$*\" >> " + temp.resolve("calls") + "\n");
        Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
        return new SweepFolder(temp.resolve("sweep-x"), "now", launcher.toString(), maxParallel, tasks(), List.of());
    }

    static List<SweepFolder.Task> tasks() {
        List<SweepFolder.Task> tasks = new ArrayList<>();
        for (String experiment : List.of("a", "b")) {
            for (String category : List.of("fabric", "grid")) {
                tasks.add(new SweepFolder.Task(tasks.size(), experiment + "-" + category + "-s1", "/e/" + experiment
                        + ".xmi", experiment, category, 1));
            }
        }
        return tasks;
    }

    private static Map<String, String> env() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("DHAD_NATIVE_CACHE", "/shared/native");
        env.put("DHAD_HEAP", null);
        return env;
    }
}

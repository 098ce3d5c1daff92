package org.dhad.ui.internal.navigator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;

import org.dhad.model.ExperimentModel;
import org.dhad.ui.internal.navigator.NavigatorNode.Folder;
import org.dhad.ui.internal.navigator.NavigatorNode.Run;
import org.dhad.ui.internal.experiment.PartHarness;
import org.dhad.ui.internal.experiment.UiTestSupport;
import org.dhad.ui.internal.experiment.WorkbenchFixture;
import org.dhad.ui.internal.run.RunPart;
import org.eclipse.swt.widgets.Display;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The navigator over a workspace that another process writes into, as {@code dhad train --runs <workspace>/runs}
 * does: run folders written on disk while the part is open appear by its own timer, change state (training,
 * evaluated with the mean pixel AUROC, stopped once the log is old), keep the selection and expanded folders,
 * and run folders from elsewhere are listed under "Other runs". The context menu's commands are enabled as the
 * selection allows, through the handlers Application.e4xmi names (hosted by {@link PartHarness}).
 */
class NavigatorPartTest {

    private static final long TIMEOUT_MS = 120_000;
    private static final String OPEN = NavigatorPart.OPEN_COMMAND_ID;
    private static final String OPEN_RESULTS = "org.dhad.ui.command.navigator.openresults";
    private static final String SHOW_TRAINING = "org.dhad.ui.command.navigator.showtraining";
    private static final String RESUME = "org.dhad.ui.command.navigator.resume";
    private static final String EVALUATE = "org.dhad.ui.command.navigator.evaluate";
    private static final String COMPARE = "org.dhad.ui.command.compare";
    private static final String EXPORT = "org.dhad.ui.command.navigator.export";
    private static final String OPEN_FOLDER = "org.dhad.ui.command.openrun";
    private static final String REFRESH = "org.dhad.ui.command.navigator.refresh";
    private static final String SLURM_SWEEP = "org.dhad.ui.command.navigator.slurmsweep";
    /** The context menu's commands in its order (Application.e4xmi). */
    private static final List<String> MENU = List.of(OPEN, OPEN_RESULTS, SHOW_TRAINING, RESUME, EVALUATE, COMPARE,
            EXPORT, SLURM_SWEEP, OPEN_FOLDER, REFRESH);
    private static final String LOG_HEADER = "epoch,step,global_step,inlier-posterior,total,lr,images_per_s,data_wait_ms\n";

    private WorkbenchFixture fixture;

    @AfterEach
    void tearDown() {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void runFoldersWrittenByAnotherProcessAppearAndChangeState(@TempDir Path workspace, @TempDir Path elsewhere)
            throws Exception {
        ExperimentModel model = UiTestSupport.service(ExperimentModel.class, TIMEOUT_MS);
        model.preset("demo").save(workspace.resolve("experiments/a.xmi"));
        fixture = new WorkbenchFixture("NavigatorPartTest", workspace);
        Display display = fixture.display;
        PartHarness harness = fixture.harness;
        NavigatorPart navigator = (NavigatorPart) harness.showModelPart(NavigatorPart.PART_ID).getObject();
        assertEquals(List.of(OPEN_FOLDER, REFRESH), enabled(harness), "with nothing selected");
        assertEquals(List.of(WorkspaceTree.EXPERIMENTS, WorkspaceTree.RUNS), navigator.children(null), "top folders");
        assertEquals(List.of("a.xmi"), navigator.children(WorkspaceTree.EXPERIMENTS).stream().map(navigator::label)
                .toList(), "experiment files");
        assertEquals(List.of(), navigator.children(WorkspaceTree.RUNS), "no runs yet");

        // A CLI run that has logged one step of epoch 1 of 2, written while the navigator is open.
        Path training = workspace.resolve("runs/cli-exp/20990101-120000");
        writeRun(training, "cli-exp", 2);
        Files.writeString(training.resolve("train-log.csv"), LOG_HEADER + "1,1,1,0.5,0.5,0.001,10.0,1.0\n");
        Folder group = new Folder("runs/cli-exp", "cli-exp");
        Run trainingRun = new Run(training);
        UiTestSupport.await(display, () -> navigator.children(group).contains(trainingRun), 3 * NavigatorPart.REFRESH_MS,
                "the timer to list the new run", () -> "runs " + navigator.children(WorkspaceTree.RUNS));
        assertEquals("20990101-120000  TRAINING  epoch 1/2", navigator.label(trainingRun), "training run label");
        assertEquals("cli-exp (1)", navigator.label(group), "group label counts its runs");
        assertTrue(navigator.isExpanded(WorkspaceTree.RUNS) && navigator.isExpanded(group), "new folders open");
        navigator.selectRuns(List.of(training));
        assertEquals(List.of(OPEN, SHOW_TRAINING, EXPORT, OPEN_FOLDER, REFRESH), enabled(harness),
                "with a training run selected");

        // A second run evaluated meanwhile; then the first one's log goes quiet (a stopped run).
        Path evaluated = workspace.resolve("runs/cli-exp/20990101-130000");
        writeRun(evaluated, "cli-exp", 1, "\"backbone\":{\"id\":\"torchscript\",\"settings\":{\"file\":"
                + "\"/models/mobilenet_imagenet.pt\"}},\"freeze\":\"ALL\",\"paste\":{\"mode\":\"MASK\"},\"seed\":3,");
        Files.writeString(evaluated.resolve("metrics.json"), """
                {"score":"HYBRID","metrics":[{"id":"pixel-auroc","displayName":"Pixel AUROC","higherIsBetter":true}],
                 "categories":{"fabric":{"pixel-auroc":{"value":0.875}}},"mean":{"pixel-auroc":0.875},"images":4}
                """, StandardCharsets.UTF_8);
        Run evaluatedRun = new Run(evaluated);
        UiTestSupport.await(display, () -> navigator.children(group).size() == 2, 3 * NavigatorPart.REFRESH_MS,
                "the evaluated run", () -> "group " + navigator.children(group));
        assertEquals(List.of(evaluatedRun, trainingRun), navigator.children(group), "newest first");
        assertEquals("20990101-130000  EVALUATED  pixel AUROC 87.50  torchscript mobilenet_imagenet.pt, freeze All, "
                + "patches Mask, seed 3", navigator.label(evaluatedRun),
                "evaluated label with the run's configuration as dhad runs shows it");
        navigator.selectRuns(List.of(evaluated));
        assertEquals(List.of(OPEN, OPEN_RESULTS, SHOW_TRAINING, EVALUATE, EXPORT, OPEN_FOLDER, REFRESH),
                enabled(harness), "with the evaluated run selected");
        navigator.selectRuns(List.of(evaluated, training));
        assertEquals(List.of(COMPARE, EXPORT, OPEN_FOLDER, REFRESH), enabled(harness), "with both runs selected");
        Path report = elsewhere.resolve("report.html");
        assertEquals(null, ExportReportHandler.write(List.of(evaluated), report), "Export HTML Report of the run");
        String html = Files.readString(report);
        assertTrue(html.contains("cli-exp/20990101-130000") && html.contains("87.50"), "the run and its AUROC");
        harness.dialogs().answer(elsewhere.resolve("missing/report.html"));
        harness.execute(EXPORT);
        assertEquals(List.of("save Export HTML report"), harness.dialogs().log().subList(0, 1), "asked for a file");
        assertTrue(harness.dialogs().log().get(1).startsWith("error Export HTML report: " + elsewhere.resolve(
                "missing/report.html")), "a failed export names the file: " + harness.dialogs().log());
        harness.dialogs().log().clear();
        navigator.selectRuns(List.of(training));
        assertEquals(List.of(training), navigator.selectedRuns(), "selection kept over the refresh");
        assertTrue(navigator.isExpanded(group), "expanded folder kept over the refresh");

        Files.setLastModifiedTime(training.resolve("train-log.csv"), FileTime.from(Instant.now().minusSeconds(600)));
        UiTestSupport.await(display, () -> navigator.label(trainingRun).contains("STOPPED"),
                3 * NavigatorPart.REFRESH_MS, "the quiet run to show as stopped", () -> navigator.label(trainingRun));
        assertEquals("20990101-120000  STOPPED  epoch 1/2", navigator.label(trainingRun), "stopped run label");
        assertEquals(List.of(OPEN, SHOW_TRAINING, RESUME, EXPORT, OPEN_FOLDER, REFRESH), enabled(harness),
                "the selected run stopped: Resume Training");

        // Run > Open Run Folder... with a folder that holds no run, then with a run outside the workspace.
        Path empty = Files.createDirectories(elsewhere.resolve("empty"));
        harness.dialogs().answer(empty);
        harness.execute(OPEN_FOLDER);
        assertEquals(List.of("folder Open run folder", "error Open run folder: " + empty + " holds no run folder;"
                + " expected experiment.json in it or in folders below it (<runs>/<experiment>/<timestamp>/)"),
                harness.dialogs().log(), "an empty folder is refused");
        Path other = elsewhere.resolve("20990102-000000");
        writeRun(other, "far", 3);
        harness.dialogs().answer(other);
        harness.execute(OPEN_FOLDER);
        assertEquals(List.of(WorkspaceTree.EXPERIMENTS, WorkspaceTree.RUNS, WorkspaceTree.OTHERS),
                navigator.children(null), "other runs folder");
        assertEquals(List.of(new Run(other)), navigator.children(WorkspaceTree.OTHERS), "the run from elsewhere");
        assertEquals("20990102-000000  CREATED", navigator.label(new Run(other)), "not trained yet");
        assertEquals(List.of(other), navigator.selectedRuns(), "the opened run is selected");
        assertEquals(1, harness.parts(RunPart.DESCRIPTOR_ID).size(), "and shown in a Run part, as not evaluated");
        assertEquals(3, harness.dialogs().log().size(), "no more errors: " + harness.dialogs().log());
    }

    @Test
    void runsOfASweepFolderAreFollowedAsTheyTrain(@TempDir Path workspace) throws Exception {
        fixture = new WorkbenchFixture("NavigatorPartTest", workspace);
        Display display = fixture.display;
        NavigatorPart navigator = (NavigatorPart) fixture.harness.showModelPart(NavigatorPart.PART_ID).getObject();

        // dhad sweep --executor slurm: runs/<sweep>/<task>/<run>, one level deeper than runs of dhad train
        Path run = workspace.resolve("runs/sweep-20990101-120000/tiny-fabric-s0/20990101-120001");
        writeRun(run, "tiny-fabric-s0", 2);
        Files.writeString(run.resolve("train-log.csv"), LOG_HEADER + "1,1,1,0.5,0.5,0.001,10.0,1.0\n");
        Folder group = new Folder("runs/tiny-fabric-s0", "tiny-fabric-s0");
        Run sweepRun = new Run(run);
        UiTestSupport.await(display, () -> navigator.children(group).contains(sweepRun), 3 * NavigatorPart.REFRESH_MS,
                "the sweep's run", () -> "runs " + navigator.children(WorkspaceTree.RUNS));
        UiTestSupport.await(display, () -> navigator.label(sweepRun).contains("TRAINING"),
                3 * NavigatorPart.REFRESH_MS, "the run training", () -> navigator.label(sweepRun));

        Files.writeString(run.resolve("metrics.json"), """
                {"score":"HYBRID","metrics":[{"id":"pixel-auroc","displayName":"Pixel AUROC","higherIsBetter":true}],
                 "categories":{"fabric":{"pixel-auroc":{"value":0.875}}},"mean":{"pixel-auroc":0.875},"images":4}
                """, StandardCharsets.UTF_8);
        UiTestSupport.await(display, () -> navigator.label(sweepRun).contains("EVALUATED"),
                3 * NavigatorPart.REFRESH_MS, "the task's run to show as evaluated, as the task writes its metrics",
                () -> navigator.label(sweepRun));
    }

    @Test
    void startSlurmSweepRunsDhadSweepOnTheSelectedExperiments(@TempDir Path workspace, @TempDir Path bin)
            throws Exception {
        ExperimentModel model = UiTestSupport.service(ExperimentModel.class, TIMEOUT_MS);
        model.preset("demo").save(workspace.resolve("experiments/a.xmi"));
        model.preset("demo").save(workspace.resolve("experiments/b.xmi"));
        // stands for ./dhad: records its arguments, answers as dhad sweep does (refusing --partition nosuch)
        Path calls = bin.resolve("calls");
        Path launcher = bin.resolve("dhad");
        Files.writeString(launcher, "#!/usr/bin/env bash\necho \"$*\" >> " + calls + "\n"
                + "case \"$*\" in *nosuch*) echo 'dhad sweep: sbatch x failed: invalid partition specified' >&2; "
                + "exit 1 ;; esac\necho '#SBATCH --array=0-1'\necho 'Submitted job 7: 2 tasks'\n"
                + "echo 'Sweep folder: /w/runs/sweep-1'\n");
        Files.setPosixFilePermissions(launcher, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        String before = System.setProperty(SlurmSweepHandler.LAUNCHER_PROPERTY, launcher.toString());
        try {
            fixture = new WorkbenchFixture("NavigatorPartTest", workspace);
            PartHarness harness = fixture.harness;
            NavigatorPart navigator = (NavigatorPart) harness.showModelPart(NavigatorPart.PART_ID).getObject();
            assertEquals(List.of(OPEN_FOLDER, REFRESH), enabled(harness), "no experiment selected: no sweep");
            navigator.select(navigator.children(WorkspaceTree.EXPERIMENTS));
            assertTrue(enabled(harness).contains(SLURM_SWEEP), "two experiments selected: " + enabled(harness));

            harness.execute(SLURM_SWEEP);
            assertEquals(List.of("text Start Slurm sweep"), harness.dialogs().log(), "asked for the options");
            assertFalse(Files.exists(calls), "cancelled: nothing run");

            harness.dialogs().answerText(" --categories grid  --time 10:00 ");
            harness.execute(SLURM_SWEEP);
            assertEquals(List.of("sweep " + workspace.resolve("experiments/a.xmi") + " " + workspace.resolve(
                    "experiments/b.xmi") + " --executor slurm --runs " + workspace.toAbsolutePath().resolve("runs")
                    + " --categories grid --time 10:00"), Files.readAllLines(calls), "dhad sweep with the options");
            assertEquals("message Start Slurm sweep: Submitted job 7: 2 tasks\nSweep folder: /w/runs/sweep-1",
                    harness.dialogs().log().get(2), "what was submitted and where");

            harness.dialogs().answerText("--partition nosuch");
            harness.execute(SLURM_SWEEP);
            assertEquals("error Start Slurm sweep: dhad sweep: sbatch x failed: invalid partition specified",
                    harness.dialogs().log().get(4), "dhad's own one-line error");
        } finally {
            if (before == null) {
                System.clearProperty(SlurmSweepHandler.LAUNCHER_PROPERTY);
            } else {
                System.setProperty(SlurmSweepHandler.LAUNCHER_PROPERTY, before);
            }
        }
    }

    /** The commands of the context menu that can run now, in the menu's order. */
    private static List<String> enabled(PartHarness harness) {
        return MENU.stream().filter(harness::canExecute).toList();
    }

    private static void writeRun(Path dir, String name, int epochs) throws Exception {
        writeRun(dir, name, epochs, "");
    }

    /** {@code configuration}: more members of experiment.json ({@code "seed":3,}), or none. */
    private static void writeRun(Path dir, String name, int epochs, String configuration) throws Exception {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("experiment.json"), "{\"name\":\"" + name + "\"," + configuration
                + "\"schedule\":{\"epochs\":" + epochs + "},\"lossWeights\":{\"inlier-posterior\":1.0}}",
                StandardCharsets.UTF_8);
    }
}

package org.dhad.ui.internal.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.dhad.model.ExperimentDocument;
import org.dhad.ui.internal.navigator.NavigatorNode;
import org.dhad.ui.internal.navigator.NavigatorPart;
import org.dhad.ui.internal.run.RunLauncher;
import org.dhad.ui.internal.run.RunPart;
import org.dhad.ui.internal.run.RunStatusBar;
import org.dhad.ui.internal.run.TrainingJob;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.e4.core.contexts.ContextInjectionFactory;
import org.eclipse.e4.core.contexts.IEclipseContext;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Spinner;
import org.eclipse.swt.widgets.Text;
import org.eclipse.swt.widgets.Table;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.xy.XYDataset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What issue #7 calls done, on synthetic data, through the real model, registry, engine and the parts of the
 * application model (made from Application.e4xmi's descriptors by {@link PartHarness}) on an X display: an
 * experiment created from the demo preset in the workspace appears in the navigator and opens in the editor; an
 * invalid epoch count is reported and undone; two short runs train at once (status bar shows both), the Run
 * part's loss chart grows while training; the runs appear evaluated in the navigator; Open Results opens the
 * results part; both runs selected and compared open the comparison with two rows.
 */
class ExperimentWorkflowTest {

    private static final long SERVICE_TIMEOUT_MS = 120_000;
    private static final long RUN_TIMEOUT_MS = 300_000;
    private static final String COMPARE = "org.dhad.ui.command.compare";

    private WorkbenchFixture fixture;
    private Display display;
    private IEclipseContext context;
    private PartHarness harness;
    private Shell barShell;

    @AfterEach
    void tearDown() {
        if (barShell != null) {
            barShell.dispose();
        }
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void createEditUndoTrainTwoRunsWatchOpenResultsAndCompare(@TempDir Path workspace) throws Exception {
        fixture = new WorkbenchFixture("ExperimentWorkflowTest", workspace);
        display = fixture.display;
        context = fixture.context;
        harness = fixture.harness;
        // File > New from the demo preset, shrunk: one category, 32 training images of 32 pixels.
        ExperimentDocument preset = UiTestSupport.tinyDemo(display, 32, SERVICE_TIMEOUT_MS);
        NavigatorPart navigator = (NavigatorPart) harness.showModelPart(NavigatorPart.PART_ID).getObject();
        RunStatusBar statusBar = statusBar();
        assertEquals(List.of("No runs in progress"), statusBar.lines(), "the status bar says it is idle");

        Path file = workspace.resolve("experiments/tiny.xmi");
        preset.save(file);
        navigator.refreshNow();
        NavigatorNode experiments = navigator.children(null).get(0);
        NavigatorNode tiny = navigator.children(experiments).stream().filter(n -> navigator.label(n).equals("tiny.xmi"))
                .findFirst().orElseThrow(() -> new AssertionError("navigator lists " + navigator.children(experiments)));
        navigator.select(List.of(tiny));
        harness.execute(NavigatorPart.OPEN_COMMAND_ID); // what a double-click executes
        MPart editorPart = single(ExperimentPart.DESCRIPTOR_ID);
        ExperimentPart editor = (ExperimentPart) editorPart.getObject();
        Shell shell = harness.shell(editorPart);
        UiTestSupport.spin(display, 200);
        assertEquals(List.of(), editor.problems(), "the shrunk demo preset is valid");
        assertEquals(Path.of(file.toString()), editor.document().file().orElseThrow(), "editor holds the file");

        // Edit a field, see validation, undo it.
        String presetRate = UiTestSupport.field(shell, Text.class, "schedule.learningRate").getText();
        UiTestSupport.field(shell, Text.class, "schedule.learningRate").setText("-1");
        UiTestSupport.spin(display, 50);
        assertTrue(editorPart.isDirty(), "an edit marks the part dirty");
        assertTrue(editor.problems().stream().anyMatch(p -> p.startsWith("schedule.learningRate: -1")),
                "a negative learning rate is reported with its field path: " + editor.problems());
        UndoHandler undo = new UndoHandler();
        assertTrue(undo.canExecute(editorPart), "Edit > Undo is enabled after an edit");
        undo.execute(editorPart);
        UiTestSupport.spin(display, 50);
        assertEquals(presetRate, UiTestSupport.field(shell, Text.class, "schedule.learningRate").getText(),
                "undo puts the preset's learning rate back into the form");
        assertEquals(List.of(), editor.problems(), "undo removes the problem");
        assertFalse(editorPart.isDirty(), "undoing to the saved state is clean");
        assertTrue(new RedoHandler().canExecute(editorPart), "Redo is enabled after an undo");

        // A one-epoch run of 16 steps (32 images in batches of 2).
        set(UiTestSupport.field(shell, Spinner.class, "schedule.epochs"), 1);
        set(UiTestSupport.field(shell, Spinner.class, "schedule.inputSize"), 32);
        set(UiTestSupport.field(shell, Spinner.class, "schedule.batchSize"), 2);
        set(UiTestSupport.field(shell, Spinner.class, "schedule.loaderThreads"), 1);
        assertEquals(List.of(), editor.problems(), "the tiny schedule is valid");
        editor.saveAs(file);

        // Run > Train twice: both runs go at once, each in its own Run part.
        RunLauncher launcher = ContextInjectionFactory.make(RunLauncher.class, context);
        assertEquals(List.of(), launcher.start(editor.document()), "first run starts");
        assertEquals(List.of(), launcher.start(editor.document()), "second run starts");
        List<MPart> runParts = harness.parts(RunPart.DESCRIPTOR_ID);
        assertEquals(2, runParts.size(), "one Run part per run");
        RunPart first = (RunPart) runParts.get(0).getObject();
        RunPart second = (RunPart) runParts.get(1).getObject();
        Set<Integer> charted = new TreeSet<>();
        List<List<String>> barLines = new ArrayList<>();
        long started = System.nanoTime();
        UiTestSupport.await(display, () -> {
            first.poll();
            charted.add(first.chartedSteps());
            statusBar.update();
            barLines.add(statusBar.lines());
            return Job.getJobManager().find(TrainingJob.FAMILY).length == 0 && first.evaluated()
                    && second.evaluated();
        }, RUN_TIMEOUT_MS, "both runs to train and evaluate", () -> "charted " + charted + ", status "
                + statusBar.lines() + ", logs " + runLogs(runParts));
        System.out.printf("ExperimentWorkflowTest: two tiny runs trained and evaluated in %.1f s; the chart showed "
                + "step counts %s%n", (System.nanoTime() - started) / 1e9, charted);

        assertEquals(16, first.chartedSteps(), "the chart shows all 16 logged steps");
        assertTrue(charted.stream().filter(n -> n > 0 && n < 16).count() >= 1,
                "the chart was updated while training, not only at the end: saw step counts " + charted);
        XYPlot loss = first.charts().get(0).getChart().getXYPlot();
        // terms far larger than the rest (and then the total) are drawn against a second axis, in a second dataset
        int series = 0;
        for (int d = 0; d < loss.getDatasetCount(); d++) {
            XYDataset lossData = loss.getDataset(d);
            if (lossData == null) {
                continue;
            }
            for (int s = 0; s < lossData.getSeriesCount(); s++) {
                assertEquals(16, lossData.getItemCount(s), "one point per step in series " + lossData.getSeriesKey(s));
            }
            series += lossData.getSeriesCount();
        }
        assertEquals(editor.document().getLossWeights().size() + 1, series, "one series per loss term and the total");
        assertTrue(barLines.stream().anyMatch(l -> l.size() == 2 && l.stream().allMatch(t -> t.startsWith("demo: "))),
                "the status bar showed both runs at once: " + barLines.subList(0, Math.min(5, barLines.size())));
        assertTrue(barLines.stream().flatMap(List::stream).anyMatch(t -> t.matches("demo: epoch 1/1, step \\d+/16, \\d+%")),
                "a status line has epoch, step and percent");
        assertEquals(List.of("No runs in progress"), statusBar.lines(), "the status bar is idle afterwards");
        assertNotEquals(first.runDir(), second.runDir(), "each run has its own folder");

        Table metrics = first.metricsTable();
        assertEquals(2, metrics.getItemCount(), "one category row and the mean row");
        assertEquals("mean", metrics.getItem(1).getText(0), "last row is the mean");
        assertTrue(first.openResultsButton().isEnabled(), "Open Results is enabled once evaluated");
        first.openResultsButton().notifyListeners(SWT.Selection, new Event());
        MPart results = single("org.dhad.ui.results.partdescriptor.results");
        assertNotNull(results.getObject(), "the results part was made");
        assertTrue(Files.isRegularFile(first.runDir().resolve("experiment.xmi")), "experiment.xmi in the run folder");

        // The navigator lists both runs, evaluated; select both and compare.
        navigator.refreshNow();
        NavigatorNode runs = navigator.children(null).get(1);
        NavigatorNode demo = navigator.children(runs).get(0);
        assertEquals("demo (2)", navigator.label(demo), "runs grouped by experiment");
        for (NavigatorNode run : navigator.children(demo)) {
            // the demo preset's configuration, as dhad runs shows it
            assertTrue(navigator.label(run).matches("\\d{8}-\\d{6}(-\\d+)?  EVALUATED  pixel AUROC \\d+\\.\\d\\d  "
                    + "deeplabv3, freeze None, patches Mask, seed \\d+"), "run label: " + navigator.label(run));
        }
        navigator.selectRuns(List.of(first.runDir(), second.runDir()));
        assertEquals(Set.of(first.runDir(), second.runDir()), Set.copyOf(navigator.selectedRuns()), "both selected");
        assertTrue(harness.canExecute(COMPARE), "Compare Runs is enabled");
        harness.execute(COMPARE);
        MPart comparison = single("org.dhad.ui.results.partdescriptor.comparison");
        UiTestSupport.spin(display, 200);
        Table table = UiTestSupport.find(harness.shell(comparison), Table.class).get(0);
        assertEquals(2, table.getItemCount(), "the comparison has one row per run: "
                + Arrays.toString(table.getItems()));

        // Cancel from the status bar: training stops after the current step and still writes a checkpoint.
        set(UiTestSupport.field(shell, Spinner.class, "schedule.epochs"), 20);
        assertEquals(List.of(), launcher.start(editor.document()), "third run starts");
        MPart thirdPart = harness.parts(RunPart.DESCRIPTOR_ID).get(2);
        RunPart third = (RunPart) thirdPart.getObject();
        UiTestSupport.await(display, () -> {
            statusBar.update();
            return statusBar.lines().get(0).contains(", step ");
        }, RUN_TIMEOUT_MS, "the third run's first step", () -> statusBar.lines().toString());
        statusBar.cancel(0);
        UiTestSupport.await(display, () -> Job.getJobManager().find(TrainingJob.FAMILY).length == 0, RUN_TIMEOUT_MS,
                "the canceled run to end", () -> statusBar.lines().toString());
        UiTestSupport.spin(display, 200);
        String state = UiTestSupport.find(harness.shell(thirdPart), org.eclipse.swt.widgets.Label.class).get(0).getText();
        assertTrue(state.startsWith("Canceled after "), "Run part state: " + state);
        assertTrue(Files.isRegularFile(third.runDir().resolve("checkpoints/latest.json")),
                "a checkpoint was written on cancel in " + third.runDir());
        assertFalse(third.evaluated(), "a canceled run is not evaluated");
        navigator.refreshNow();

        // Resume Training (navigator, stopped run) continues from that checkpoint and evaluates; Evaluate again
        // scores the finished run once more.
        assertEquals(List.of(), launcher.resume(third.runDir(), null), "resume starts");
        UiTestSupport.await(display, () -> Job.getJobManager().find(TrainingJob.FAMILY).length == 0, RUN_TIMEOUT_MS,
                "the resumed run to train and evaluate", () -> statusBar.lines().toString());
        assertEquals(org.dhad.results.RunState.EVALUATED, org.dhad.results.RunFolder.open(third.runDir()).state(),
                "the resumed run is evaluated");
        assertEquals(20, org.dhad.results.RunFolder.open(third.runDir()).trainedEpochs(), "all 20 epochs trained");
        assertEquals(List.of(), launcher.evaluate(third.runDir(), null), "evaluation starts");
        UiTestSupport.await(display, () -> Job.getJobManager().find(TrainingJob.FAMILY).length == 0, RUN_TIMEOUT_MS,
                "the evaluation to end", () -> statusBar.lines().toString());
        UiTestSupport.spin(display, 200);
        List<MPart> all = harness.parts(RunPart.DESCRIPTOR_ID);
        assertEquals(5, all.size(), "resume and evaluate each open their own Run part");
        String evaluated = UiTestSupport.find(harness.shell(all.get(4)), org.eclipse.swt.widgets.Label.class).get(0)
                .getText();
        assertTrue(evaluated.startsWith("Evaluated: "), "Run part state after Evaluate: " + evaluated);
    }

    private String runLogs(List<MPart> runParts) {
        StringBuilder logs = new StringBuilder();
        for (MPart part : runParts) {
            Shell runShell = harness.shell(part);
            UiTestSupport.find(runShell, org.eclipse.swt.widgets.Label.class).forEach(l -> logs.append(l.getText())
                    .append(" | "));
            UiTestSupport.find(runShell, org.eclipse.swt.widgets.List.class).forEach(l -> logs.append(
                    Arrays.toString(l.getItems())));
            logs.append('\n');
        }
        return logs.toString();
    }

    private RunStatusBar statusBar() {
        barShell = new Shell(display);
        barShell.setLayout(new FillLayout());
        IEclipseContext barContext = context.createChild("status bar");
        barContext.set(Composite.class, new Composite(barShell, SWT.NONE));
        RunStatusBar bar = ContextInjectionFactory.make(RunStatusBar.class, barContext);
        barShell.open();
        return bar;
    }

    private MPart single(String descriptorId) {
        List<MPart> parts = harness.parts(descriptorId);
        assertEquals(1, parts.size(), "one part from " + descriptorId);
        return parts.get(0);
    }

    /** Sets a spinner as the user would; the Modify event is sent explicitly since not every platform sends it. */
    private void set(Spinner spinner, int value) throws InterruptedException {
        spinner.setSelection(value);
        spinner.notifyListeners(SWT.Modify, new Event());
        UiTestSupport.spin(display, 20);
    }
}

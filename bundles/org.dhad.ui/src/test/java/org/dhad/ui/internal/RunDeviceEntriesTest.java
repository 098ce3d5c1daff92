package org.dhad.ui.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.dhad.engine.DeviceService;
import org.dhad.engine.RunListener;
import org.dhad.engine.RunResult;
import org.dhad.engine.StepReport;
import org.dhad.engine.TrainingService;
import org.dhad.experiment.ComputeDevice;
import org.dhad.experiment.ExperimentJson;
import org.dhad.experiment.ExperimentSpec;
import org.dhad.experiment.Schedule;
import org.dhad.model.ExperimentDocument;
import org.dhad.results.RunFolder;
import org.dhad.results.RunState;
import org.dhad.results.TrainingHistory;
import org.dhad.ui.internal.experiment.ScriptedDialogs;
import org.dhad.ui.internal.experiment.UiTestSupport;
import org.dhad.ui.internal.navigator.NavigatorPart;
import org.dhad.ui.internal.run.RunLauncher;
import org.dhad.ui.internal.run.RunPart;
import org.dhad.ui.internal.run.RunSession;
import org.dhad.ui.internal.run.TrainingJob;
import org.dhad.ui.results.UserDialogs;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.e4.ui.model.application.MApplication;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.workbench.modeling.EModelService;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Tree;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run whose experiment names a GPU this machine does not have (trained on the CPU, then its experiment.json set to
 * {@code cuda:0}), in the real workbench with the real engine and libtorch: the navigator's Resume Training and
 * Evaluate refuse it in one line naming the devices there are and the "... On Device..." entries; those entries'
 * dialog lists the CPU and names the run's device, and with {@code cpu} chosen the run resumes, is evaluated and is
 * evaluated again on the CPU, while its experiment keeps saying {@code cuda:0}.
 */
class RunDeviceEntriesTest {

    private static final long SERVICE_TIMEOUT_MS = 120_000;
    private static final long RUN_TIMEOUT_MS = 300_000;
    private static final String REFUSAL = "The run's device cuda:0 is not available; libtorch 2.7.1 here sees cpu";

    @Test
    void plainEntriesRefuseTheMissingGpuAndOnDeviceEntriesRunOnTheCpu(@TempDir Path workspace) throws Exception {
        Display display = UiTestSupport.display();
        Path run = stoppedRun(display, workspace.resolve("runs"));
        ExperimentSpec trained = ExperimentJson.read(run);
        ExperimentJson.write(trained.withSchedule(trained.schedule().with(Schedule.DEVICE, "cuda:0")), run);
        byte[] experiment = Files.readAllBytes(run.resolve(ExperimentJson.FILE));

        try (TestWorkbench workbench = TestWorkbench.start(display, workspace)) {
            MApplication app = workbench.app();
            ScriptedDialogs dialogs = new ScriptedDialogs();
            app.getContext().set(UserDialogs.class, dialogs);
            MPart part = (MPart) app.getContext().get(EModelService.class).find(NavigatorPart.PART_ID, app);
            NavigatorPart navigator = (NavigatorPart) part.getObject();
            Tree tree = UiTestSupport.find((Control) part.getWidget(), Tree.class).get(0);
            navigator.refreshNow();
            navigator.selectRuns(List.of(run));
            List<String> enabled = NavigatorMenuTest.enabled(NavigatorMenuTest.show(tree.getMenu()));
            assertTrue(enabled.containsAll(List.of("Resume Training", "Resume On Device...")), "stopped: " + enabled);
            assertFalse(enabled.contains("Evaluate On Device..."), "a stopped run is resumed, not evaluated");

            // Resume Training on the run's own device: refused before a job or a Run view starts.
            NavigatorMenuTest.choose(NavigatorMenuTest.show(tree.getMenu()), "Resume Training");
            refused(dialogs, "Resume Training", "Resume On Device... resumes it on one of those");
            assertEquals(List.of(), runParts(app), "no Run view for a refused resume");

            // Resume On Device... with cpu: trains the rest of the epoch and evaluates, both on the CPU.
            DialogAnswer resume = DialogAnswer.post(display, "Resume On Device", "cpu");
            NavigatorMenuTest.choose(NavigatorMenuTest.show(tree.getMenu()), "Resume On Device...");
            resume.check();
            awaitJobs(display, app);
            RunFolder resumed = RunFolder.open(run);
            assertEquals(RunState.EVALUATED, resumed.state(), "resumed and evaluated on the CPU");
            assertTrue(Files.isRegularFile(run.resolve("metrics.json")), "metrics.json written");
            RunSession session = session(runParts(app).get(0));
            assertEquals(RunLauncher.label(run) + " on cpu", session.name(), "the Run view and job name the device");
            assertEquals("Device cpu, chosen for this job; the run's experiment says cuda:0", session.messages().get(0),
                    "the first line of the run's messages");
            assertTrue(session.state().startsWith("Finished: "), "Run view state: " + session.state());

            // Evaluate (again, after its metrics are gone): refused on cuda:0, done on the CPU chosen.
            Files.delete(run.resolve("metrics.json"));
            navigator.refreshNow();
            navigator.selectRuns(List.of(run));
            enabled = NavigatorMenuTest.enabled(NavigatorMenuTest.show(tree.getMenu()));
            assertTrue(enabled.containsAll(List.of("Evaluate", "Evaluate On Device...")), "trained: " + enabled);
            NavigatorMenuTest.choose(NavigatorMenuTest.show(tree.getMenu()), "Evaluate");
            refused(dialogs, "Evaluate", "Evaluate On Device... evaluates it on one of those");
            assertEquals(1, runParts(app).size(), "no Run view for a refused evaluation");
            assertFalse(Files.exists(run.resolve("metrics.json")), "nothing evaluated on cuda:0");

            DialogAnswer evaluate = DialogAnswer.post(display, "Evaluate On Device", "cpu");
            NavigatorMenuTest.choose(NavigatorMenuTest.show(tree.getMenu()), "Evaluate On Device...");
            evaluate.check();
            awaitJobs(display, app);
            assertTrue(Files.isRegularFile(run.resolve("metrics.json")), "evaluated on the CPU: metrics.json is back");
            RunSession evaluation = session(runParts(app).get(1));
            assertEquals(RunLauncher.label(run) + " on cpu", evaluation.name(), "named with its device");
            assertTrue(evaluation.state().startsWith("Evaluated: "), "Run view state: " + evaluation.state());
            assertTrue(Arrays.equals(experiment, Files.readAllBytes(run.resolve(ExperimentJson.FILE))),
                    "the run keeps its experiment: the device chosen was for the jobs");
            assertEquals(List.of(), dialogs.log(), "no other error shown");
        }
    }

    /** The demo preset, tiny, trained on the CPU and stopped after 2 of its 4 steps. */
    private static Path stoppedRun(Display display, Path runs) throws Exception {
        TrainingService training = UiTestSupport.service(TrainingService.class, SERVICE_TIMEOUT_MS);
        assertEquals(List.of(ComputeDevice.CPU), UiTestSupport.service(DeviceService.class, SERVICE_TIMEOUT_MS)
                .available(), "this machine's libtorch sees the CPU alone");
        ExperimentDocument preset = UiTestSupport.tinyDemo(display, 8, SERVICE_TIMEOUT_MS);
        ExperimentSpec spec = preset.toSpec();
        spec = spec.withSchedule(spec.schedule().with(Schedule.EPOCHS, 1).with(Schedule.INPUT_SIZE, 32)
                .with(Schedule.BATCH_SIZE, 2).with(Schedule.LOADER_THREADS, 1).with(Schedule.DEVICE, "cpu"));
        AtomicInteger steps = new AtomicInteger();
        RunResult result = training.train(spec, runs, new RunListener() {
            @Override
            public void onStep(StepReport report) {
                steps.incrementAndGet();
            }

            @Override
            public boolean isCanceled() {
                return steps.get() >= 2;
            }
        });
        assertTrue(result.canceled(), "stopped after 2 steps");
        // A log written in the last two minutes reads as a run still training; this one stopped a while ago.
        Files.setLastModifiedTime(result.runDir().resolve(TrainingHistory.FILE),
                FileTime.from(Instant.now().minus(Duration.ofMinutes(10))));
        assertEquals(RunState.STOPPED, RunFolder.open(result.runDir()).state(), "the run is stopped");
        return result.runDir();
    }

    private static void refused(ScriptedDialogs dialogs, String title, String entry) {
        assertEquals(1, dialogs.log().size(), "one error: " + dialogs.log());
        String shown = dialogs.log().remove(0);
        assertTrue(shown.startsWith("error " + title + ": " + REFUSAL), "the engine's refusal: " + shown);
        assertTrue(shown.endsWith("; " + entry), "names the entry that asks for a device: " + shown);
        assertFalse(shown.contains("\n"), "one line: " + shown);
        assertEquals(0, Job.getJobManager().find(TrainingJob.FAMILY).length, "no job started");
    }

    private static void awaitJobs(Display display, MApplication app) throws InterruptedException {
        UiTestSupport.spin(display, 100);
        UiTestSupport.await(display, () -> Job.getJobManager().find(TrainingJob.FAMILY).length == 0, RUN_TIMEOUT_MS,
                "the job to end", () -> runParts(app).stream().map(p -> session(p).state()).toList().toString());
        UiTestSupport.spin(display, 200); // the job's last session updates are posted to the UI thread
    }

    private static List<MPart> runParts(MApplication app) {
        return app.getContext().get(EModelService.class).findElements(app, RunPart.DESCRIPTOR_ID, MPart.class);
    }

    private static RunSession session(MPart part) {
        return (RunSession) part.getTransientData().get(RunPart.SESSION_KEY);
    }

    /**
     * Answers the device dialog the next menu entry opens, from the dialog's own event loop: selects {@code device}
     * in its list and presses OK, keeping what the list and its note said.
     */
    private static final class DialogAnswer implements Runnable {
        private final Display display;
        private final String title;
        private final String device;
        private int tries;
        private List<String> items;
        private String note;

        private DialogAnswer(Display display, String title, String device) {
            this.display = display;
            this.title = title;
            this.device = device;
        }

        static DialogAnswer post(Display display, String title, String device) {
            DialogAnswer answer = new DialogAnswer(display, title, device);
            display.timerExec(50, answer);
            return answer;
        }

        @Override
        public void run() {
            Shell dialog = Arrays.stream(display.getShells()).filter(s -> !s.isDisposed() && title.equals(s.getText()))
                    .findFirst().orElse(null);
            if (dialog == null) {
                if (++tries < 200) {
                    display.timerExec(50, this);
                }
                return;
            }
            Combo combo = UiTestSupport.find(dialog, Combo.class).get(0);
            items = List.of(combo.getItems());
            note = String.join(" | ", UiTestSupport.find(dialog, Label.class).stream().map(Label::getText).toList());
            combo.select(items.indexOf(device));
            combo.notifyListeners(SWT.Selection, new Event());
            Button ok = UiTestSupport.find(dialog, Button.class).stream().filter(b -> "OK".equals(b.getText()))
                    .findFirst().orElseThrow();
            ok.notifyListeners(SWT.Selection, new Event());
        }

        /** The dialog listed the CPU alone and named the run's device, which this machine does not have. */
        void check() {
            assertEquals(List.of("cpu"), items, "the devices libtorch sees, as the dialog " + title + " lists them");
            assertTrue(note.contains("The run's experiment says cuda:0, which libtorch here does not see"),
                    "the dialog names the run's device: " + note);
        }
    }
}

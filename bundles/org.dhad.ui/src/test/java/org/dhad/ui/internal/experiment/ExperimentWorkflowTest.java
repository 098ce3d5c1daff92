package org.dhad.ui.internal.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.dhad.api.ProviderKind;
import org.dhad.api.registry.PluginRegistry;
import org.dhad.engine.EvaluationService;
import org.dhad.engine.TrainingService;
import org.dhad.model.ExperimentDocument;
import org.dhad.model.ExperimentModel;
import org.dhad.model.PluginSlot;
import org.dhad.ui.internal.run.RunPart;
import org.dhad.ui.internal.run.RunSession;
import org.dhad.ui.internal.run.TrainingJob;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.e4.core.contexts.ContextInjectionFactory;
import org.eclipse.e4.core.contexts.EclipseContextFactory;
import org.eclipse.e4.core.contexts.IEclipseContext;
import org.eclipse.e4.ui.di.UISynchronize;
import org.eclipse.e4.ui.model.application.ui.basic.MBasicFactory;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Spinner;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Text;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.FrameworkUtil;

/**
 * The workbench's main path through the real model, registry and engine, on an X display (Xvfb):
 * the demo preset in the experiment editor, an invalid epoch count typed into its spinner and reported
 * with the CLI's message, fixed, saved, then a one-epoch run on tiny synthetic images whose Run part
 * must chart every step and show the metrics table with a mean row and heat-map thumbnails.
 */
class ExperimentWorkflowTest {

    private static final long SERVICE_TIMEOUT_MS = 120_000;
    private static final long RUN_TIMEOUT_MS = 300_000;

    private Display display;
    private Shell shell;
    private IEclipseContext context;

    @AfterEach
    void tearDown() {
        if (context != null) {
            context.dispose();
        }
        if (shell != null) {
            shell.dispose();
        }
    }

    @Test
    void editValidateSaveTrainAndShowResults(@TempDir Path temp) throws Exception {
        display = UiTestSupport.display();
        ExperimentModel model = UiTestSupport.service(ExperimentModel.class, SERVICE_TIMEOUT_MS);
        PluginRegistry registry = UiTestSupport.service(PluginRegistry.class, SERVICE_TIMEOUT_MS);
        TrainingService training = UiTestSupport.service(TrainingService.class, SERVICE_TIMEOUT_MS);
        EvaluationService evaluation = UiTestSupport.service(EvaluationService.class, SERVICE_TIMEOUT_MS);
        UiTestSupport.await(display, () -> !registry.list(ProviderKind.METRIC).isEmpty()
                && !registry.list(ProviderKind.LOSS_TERM).isEmpty(), SERVICE_TIMEOUT_MS, "loss and metric providers",
                () -> "registry lists " + registry.list());

        ExperimentDocument document = model.preset("demo");
        // Tiny: one category, 8 training and 4 test images of 32 pixels, one epoch.
        document.setSetting(PluginSlot.DATASET, "categories", "fabric");
        document.setSetting(PluginSlot.DATASET, "image-size", "32");
        document.setSetting(PluginSlot.DATASET, "train-count", "8");
        document.setSetting(PluginSlot.DATASET, "test-good-count", "2");
        document.setSetting(PluginSlot.DATASET, "test-defect-count", "2");

        shell = new Shell(display);
        shell.setLayout(new FillLayout());
        shell.setSize(1200, 900);
        context = EclipseContextFactory.getServiceContext(FrameworkUtil.getBundle(getClass()).getBundleContext())
                .createChild("ExperimentWorkflowTest");
        UISynchronize sync = UiTestSupport.sync(display);
        context.set(UISynchronize.class, sync);
        MPart editorModel = MBasicFactory.INSTANCE.createPart();
        editorModel.getTransientData().put(ExperimentPart.DOCUMENT_KEY, document);
        IEclipseContext editorContext = context.createChild("editor");
        editorContext.set(MPart.class, editorModel);
        editorContext.set(Composite.class, new Composite(shell, SWT.NONE));
        ExperimentPart editor = ContextInjectionFactory.make(ExperimentPart.class, editorContext);
        shell.open();
        UiTestSupport.spin(display, 200);

        assertEquals(List.of(), editor.problems(), "the shrunk demo preset is valid");
        assertFalse(editorModel.isDirty(), "a freshly opened document is not dirty");
        Combo backbones = UiTestSupport.field(shell, Combo.class, "backbone.id");
        assertEquals("deeplabv3", backbones.getText(), "backbone combo shows the preset's provider");
        assertTrue(Arrays.asList(backbones.getItems()).contains("deeplabv3"), "backbone combo lists installed ids");
        Spinner trainCount = UiTestSupport.field(shell, Spinner.class, "dataset.train-count");
        assertEquals(8, trainCount.getSelection(), "dataset setting spinner shows the document's value");
        assertFalse(trainCount.getToolTipText().isBlank(), "setting tooltip carries the description");

        Spinner epochs = UiTestSupport.field(shell, Spinner.class, "schedule.epochs");
        assertEquals(document.getSchedule().epochs(), epochs.getSelection(), "epochs spinner shows the preset's value");
        set(epochs, 0);
        assertTrue(editorModel.isDirty(), "an edit marks the part dirty");
        assertTrue(editor.problems().stream().anyMatch(p -> p.startsWith("schedule.epochs:")),
                "epochs 0 is reported with its field path: " + editor.problems());
        org.eclipse.swt.widgets.List problemList = UiTestSupport.find(shell, org.eclipse.swt.widgets.List.class)
                .get(0);
        assertTrue(Arrays.stream(problemList.getItems()).anyMatch(p -> p.startsWith("schedule.epochs:")),
                "the problems list shows the epochs problem: " + Arrays.toString(problemList.getItems()));

        set(epochs, 1);
        Text rate = UiTestSupport.field(shell, Text.class, "schedule.learningRate");
        rate.setText("fast");
        assertTrue(editor.problems().stream().anyMatch(p -> p.startsWith("schedule.learningRate: 'fast'")),
                "unparseable text is reported: " + editor.problems());
        rate.setText("0.001");
        set(UiTestSupport.field(shell, Spinner.class, "schedule.inputSize"), 32);
        set(UiTestSupport.field(shell, Spinner.class, "schedule.batchSize"), 4);
        set(UiTestSupport.field(shell, Spinner.class, "schedule.loaderThreads"), 1);
        assertEquals(List.of(), editor.problems(), "fixed values leave no problems");
        assertEquals(0, problemList.getItemCount(), "the problems list is empty again");

        Path file = temp.resolve("experiments/tiny.xmi");
        editor.saveAs(file);
        assertFalse(editorModel.isDirty(), "saving clears the dirty mark");
        ExperimentDocument saved = model.load(file);
        assertEquals(1, saved.getSchedule().epochs(), "saved epochs");
        assertEquals(32, saved.getSchedule().inputSize(), "saved input size");
        assertEquals("8", saved.getPlugin(PluginSlot.DATASET).orElseThrow().settings().get("train-count"),
                "saved dataset setting");

        RunSession session = new RunSession(document.getName(), document.getLossWeights().keySet());
        Path runs = temp.resolve("runs");
        TrainingJob job = new TrainingJob(training, evaluation, document.toSpec(), document.copy(), runs, session, sync);
        Shell runShell = new Shell(display);
        runShell.setLayout(new FillLayout());
        runShell.setSize(1200, 800);
        MPart runModel = MBasicFactory.INSTANCE.createPart();
        runModel.getTransientData().put(RunPart.SESSION_KEY, session);
        IEclipseContext runContext = context.createChild("run");
        runContext.set(MPart.class, runModel);
        runContext.set(Composite.class, new Composite(runShell, SWT.NONE));
        ContextInjectionFactory.make(RunPart.class, runContext);
        runShell.open();
        long started = System.nanoTime();
        job.schedule();
        UiTestSupport.await(display, session::finished, RUN_TIMEOUT_MS, "the run to finish",
                () -> "state " + session.state() + ", messages " + session.messages());
        job.join();
        UiTestSupport.spin(display, 300);
        System.out.printf("ExperimentWorkflowTest: tiny run trained and evaluated in %.1f s%n",
                (System.nanoTime() - started) / 1e9);

        assertEquals(IStatus.OK, job.getResult().getSeverity(), "job result " + job.getResult() + "; messages "
                + session.messages());
        long steps = session.lastStep().totalSteps();
        assertEquals(2, steps, "8 images in batches of 4 make 2 steps");
        assertEquals(steps, session.series().get(RunSession.TOTAL).size(), "one total-loss point per step");
        for (String term : document.getLossWeights().keySet()) {
            assertEquals(steps, session.series().get(term).size(), "one point per step for term " + term);
        }
        assertTrue(session.series().get(RunSession.TOTAL).stream().allMatch(p -> Double.isFinite(p[1])),
                "finite total losses");
        assertEquals(1, UiTestSupport.find(runShell, Canvas.class).stream()
                .filter(c -> !(c instanceof Composite && ((Composite) c).getChildren().length > 0)).count(),
                "the Run part has one chart canvas");

        Table results = UiTestSupport.find(runShell, Table.class).get(0);
        TableItem[] rows = results.getItems();
        assertEquals(2, rows.length, "one category row and the mean row");
        assertEquals("fabric", rows[0].getText(0), "category row");
        assertEquals("mean", rows[1].getText(0), "last row is the mean");
        assertEquals(1 + document.getMetrics().size(), results.getColumnCount(), "category + one column per metric");
        for (int i = 1; i < results.getColumnCount(); i++) {
            double value = Double.parseDouble(rows[1].getText(i));
            assertTrue(value >= 0 && value <= 100, "mean of column " + i + " in percent: " + value);
        }
        long thumbnails = UiTestSupport.find(runShell, Label.class).stream().filter(l -> l.getImage() != null).count();
        assertTrue(thumbnails > 0, "heat-map thumbnails shown");
        assertTrue(Files.isRegularFile(session.runDir().resolve("metrics.json")), "metrics.json in " + session.runDir());
        assertTrue(Files.isRegularFile(session.runDir().resolve("experiment.xmi")), "experiment.xmi in the run folder");
        runShell.dispose();
    }

    /** Sets a spinner as the user would; the Modify event is sent explicitly since not every platform sends it. */
    private void set(Spinner spinner, int value) throws InterruptedException {
        spinner.setSelection(value);
        spinner.notifyListeners(SWT.Modify, new Event());
        UiTestSupport.spin(display, 20);
    }
}

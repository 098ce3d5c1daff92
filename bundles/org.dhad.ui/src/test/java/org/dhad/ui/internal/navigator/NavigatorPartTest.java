package org.dhad.ui.internal.navigator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;

import org.dhad.model.ExperimentModel;
import org.dhad.ui.internal.WorkspaceFolders;
import org.dhad.ui.internal.navigator.NavigatorNode.Folder;
import org.dhad.ui.internal.navigator.NavigatorNode.Run;
import org.dhad.ui.internal.experiment.UiTestSupport;
import org.eclipse.e4.core.contexts.ContextInjectionFactory;
import org.eclipse.e4.core.contexts.EclipseContextFactory;
import org.eclipse.e4.core.contexts.IEclipseContext;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.FrameworkUtil;

/**
 * The navigator over a workspace that another process writes into, as {@code dhad train --runs <workspace>/runs}
 * does: run folders written on disk while the part is open appear by its own timer, change state (training,
 * evaluated with the mean pixel AUROC, stopped once the log is old), keep the selection and expanded folders,
 * and run folders from elsewhere are listed under "Other runs".
 */
class NavigatorPartTest {

    private static final long TIMEOUT_MS = 120_000;
    private static final String LOG_HEADER = "epoch,step,global_step,inlier-posterior,total,lr,images_per_s,data_wait_ms\n";

    private Display display;
    private Shell shell;
    private IEclipseContext context;
    private String previous;

    @AfterEach
    void tearDown() {
        if (context != null) {
            context.dispose();
        }
        if (shell != null) {
            shell.dispose();
        }
        if (previous == null) {
            System.clearProperty(WorkspaceFolders.PROPERTY);
        } else {
            System.setProperty(WorkspaceFolders.PROPERTY, previous);
        }
    }

    @Test
    void runFoldersWrittenByAnotherProcessAppearAndChangeState(@TempDir Path workspace, @TempDir Path elsewhere)
            throws Exception {
        display = UiTestSupport.display();
        ExperimentModel model = UiTestSupport.service(ExperimentModel.class, TIMEOUT_MS);
        model.preset("demo").save(workspace.resolve("experiments/a.xmi"));
        previous = System.setProperty(WorkspaceFolders.PROPERTY, workspace.toString());
        shell = new Shell(display);
        shell.setLayout(new FillLayout());
        shell.setSize(500, 700);
        context = EclipseContextFactory.getServiceContext(FrameworkUtil.getBundle(getClass()).getBundleContext())
                .createChild("NavigatorPartTest");
        context.set(Composite.class, new Composite(shell, SWT.NONE));
        NavigatorPart navigator = ContextInjectionFactory.make(NavigatorPart.class, context);
        shell.open();
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
        Path report = elsewhere.resolve("report.html");
        assertEquals(null, navigator.exportReport(report), "Export HTML Report of the selected run");
        String html = Files.readString(report);
        assertTrue(html.contains("cli-exp/20990101-130000") && html.contains("87.50"), "the run and its AUROC");
        assertTrue(navigator.exportReport(elsewhere.resolve("missing/report.html")).contains("missing"),
                "a failed export names the file");
        navigator.selectRuns(List.of(training));
        assertEquals(List.of(training), navigator.selectedRuns(), "selection kept over the refresh");
        assertTrue(navigator.isExpanded(group), "expanded folder kept over the refresh");

        Files.setLastModifiedTime(training.resolve("train-log.csv"), FileTime.from(Instant.now().minusSeconds(600)));
        UiTestSupport.await(display, () -> navigator.label(trainingRun).contains("STOPPED"),
                3 * NavigatorPart.REFRESH_MS, "the quiet run to show as stopped", () -> navigator.label(trainingRun));
        assertEquals("20990101-120000  STOPPED  epoch 1/2", navigator.label(trainingRun), "stopped run label");

        // Run > Open Run Folder... with a run outside the workspace.
        Path other = elsewhere.resolve("20990102-000000");
        writeRun(other, "far", 3);
        navigator.tree().addOthers(List.of(other));
        navigator.refreshNow();
        assertEquals(List.of(WorkspaceTree.EXPERIMENTS, WorkspaceTree.RUNS, WorkspaceTree.OTHERS),
                navigator.children(null), "other runs folder");
        assertEquals(List.of(new Run(other)), navigator.children(WorkspaceTree.OTHERS), "the run from elsewhere");
        assertEquals("20990102-000000  CREATED", navigator.label(new Run(other)), "not trained yet");
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

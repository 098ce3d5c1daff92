package org.dhad.ui.internal.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.dhad.api.ProviderKind;
import org.dhad.api.registry.PluginRegistry;
import org.dhad.model.ExperimentModel;
import org.dhad.results.RunFolder;
import org.dhad.results.RunState;
import org.dhad.ui.internal.navigator.NavigatorNode;
import org.dhad.ui.internal.navigator.NavigatorPart;
import org.dhad.ui.internal.run.RunLauncher;
import org.dhad.ui.internal.run.RunPart;
import org.dhad.ui.internal.run.TrainingJob;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.e4.core.contexts.ContextInjectionFactory;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Spinner;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.Text;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The user path on the real samples, through the workbench's own widgets: the paper's all/mask preset
 * pointed at the shared MVTec AD grid sample with the CamVid subset as negatives (paths typed into the form),
 * one epoch trained and evaluated, then the same with rectangular patches, and the two runs compared from the
 * navigator. The runs train on 8 of the sample's 25 training images (two steps each, as in table1-check.sh) and
 * are scored on all its test images. Skipped where ../shared is absent.
 */
class RealSamplesWorkflowTest {

    private static final long SERVICE_TIMEOUT_MS = 120_000;
    private static final long RUN_TIMEOUT_MS = 600_000;

    private WorkbenchFixture fixture;

    @AfterEach
    void tearDown() {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void presetOnGridWithCamVidNegativesTrainedTwiceAndCompared(@TempDir Path workspace, @TempDir Path samples)
            throws Exception {
        String shared = System.getProperty("dhad.shared", "");
        Path grid = Path.of(shared, "data", "mvtec_ad");
        Path camvid = Path.of(shared, "data", "camvid_subset");
        Assumptions.assumeTrue(!shared.isEmpty() && Files.isDirectory(grid.resolve("grid"))
                && Files.isDirectory(camvid), "Shared samples not found (dhad.shared=" + shared
                        + "; expected data/mvtec_ad/grid and data/camvid_subset): skipping the real-samples UI test");
        grid = eightTrainingImages(grid, samples.resolve("mvtec_ad"));
        fixture = new WorkbenchFixture("RealSamplesWorkflowTest", workspace);
        Display display = fixture.display;
        PartHarness harness = fixture.harness;
        ExperimentModel model = UiTestSupport.service(ExperimentModel.class, SERVICE_TIMEOUT_MS);
        PluginRegistry registry = UiTestSupport.service(PluginRegistry.class, SERVICE_TIMEOUT_MS);
        UiTestSupport.service(org.dhad.engine.TrainingService.class, SERVICE_TIMEOUT_MS);
        UiTestSupport.await(display, () -> has(registry, ProviderKind.ANOMALY_DATASET, "mvtec")
                && has(registry, ProviderKind.NEGATIVE_SOURCE, "segmentation")
                && !registry.list(ProviderKind.METRIC).isEmpty(), SERVICE_TIMEOUT_MS,
                "the mvtec dataset, segmentation negatives and metrics", () -> "registry lists " + registry.list());
        NavigatorPart navigator = (NavigatorPart) harness.showModelPart(NavigatorPart.PART_ID).getObject();

        // File > New from the paper's all/mask preset, opened from the navigator.
        Path file = workspace.resolve("experiments/grid-camvid.xmi");
        model.preset("table1-all-mask").save(file);
        navigator.refreshNow();
        NavigatorNode experiments = navigator.children(null).get(0);
        navigator.select(List.of(navigator.children(experiments).get(0)));
        harness.execute(NavigatorPart.OPEN_COMMAND_ID);
        MPart editorPart = harness.parts(ExperimentPart.DESCRIPTOR_ID).get(0);
        ExperimentPart editor = (ExperimentPart) editorPart.getObject();
        Shell shell = harness.shell(editorPart);
        UiTestSupport.spin(display, 200);

        // Point it at the samples by typing into the form; one epoch.
        type(UiTestSupport.field(shell, Text.class, "dataset.root"), grid.toString());
        type(UiTestSupport.field(shell, Text.class, "negatives.root"), camvid.toString());
        Spinner epochs = UiTestSupport.field(shell, Spinner.class, "schedule.epochs");
        epochs.setSelection(1);
        epochs.notifyListeners(SWT.Modify, new Event());
        UiTestSupport.spin(display, 50);
        assertEquals(List.of(), editor.problems(), "the preset with the sample paths is valid");
        editor.saveAs(file);

        RunLauncher launcher = ContextInjectionFactory.make(RunLauncher.class, fixture.context);
        assertEquals(List.of(), launcher.start(editor.document()), "the mask run starts");
        Combo mode = UiTestSupport.field(shell, Combo.class, "paste.mode");
        mode.select(Arrays.asList(mode.getItems()).indexOf("RECTANGLE"));
        mode.notifyListeners(SWT.Modify, new Event());
        UiTestSupport.spin(display, 50);
        assertEquals("RECTANGLE", editor.document().getPaste().mode().name(), "patches switched to rectangles");
        assertEquals(List.of(), launcher.start(editor.document()), "the rectangle run starts");
        UiTestSupport.await(display, () -> Job.getJobManager().find(TrainingJob.FAMILY).length == 0, RUN_TIMEOUT_MS,
                "both runs to train and evaluate", () -> harness.parts(RunPart.DESCRIPTOR_ID).size() + " run parts");

        List<Path> runs = harness.parts(RunPart.DESCRIPTOR_ID).stream().map(p -> ((RunPart) p.getObject()).runDir())
                .toList();
        assertEquals(2, runs.size(), "two runs");
        for (Path run : runs) {
            RunFolder folder = RunFolder.open(run);
            assertEquals(RunState.EVALUATED, folder.state(), "evaluated: " + run);
            assertEquals(List.of("grid"), folder.metrics().orElseThrow().perCategory().keySet().stream().toList(),
                    "scored on the grid sample");
            assertTrue(folder.gallery().orElseThrow().images().size() > 0, "scored images kept");
        }
        assertEquals("RECTANGLE", RunFolder.open(runs.get(1)).configuration().pasteMode(), "second run rectangles");

        navigator.refreshNow();
        navigator.selectRuns(runs);
        harness.execute("org.dhad.ui.command.compare");
        MPart comparison = harness.parts("org.dhad.ui.results.partdescriptor.comparison").get(0);
        UiTestSupport.spin(display, 200);
        Table table = UiTestSupport.find(harness.shell(comparison), Table.class).get(0);
        assertEquals(2, table.getItemCount(), "the comparison has the mask and the rectangle run");
        List<String> patches = Arrays.stream(table.getItems()).map(i -> i.getText(2)).sorted().toList();
        assertEquals(List.of("Mask", "Rectangle"), patches, "told apart by their patches");
    }

    /** A copy of the grid category with its test split and masks and the first 8 training images. */
    private static Path eightTrainingImages(Path source, Path root) throws IOException {
        Path grid = root.resolve("grid");
        Path train = Files.createDirectories(grid.resolve("train/good"));
        try (Stream<Path> images = Files.list(source.resolve("grid/train/good"))) {
            for (Path image : images.sorted().limit(8).toList()) {
                Files.copy(image, train.resolve(image.getFileName()));
            }
        }
        for (String folder : List.of("test", "ground_truth")) {
            Path from = source.resolve("grid").resolve(folder);
            try (Stream<Path> files = Files.walk(from)) {
                for (Path file : files.toList()) {
                    Path to = grid.resolve(folder).resolve(from.relativize(file).toString());
                    if (Files.isDirectory(file)) {
                        Files.createDirectories(to);
                    } else {
                        Files.copy(file, to);
                    }
                }
            }
        }
        return root;
    }

    private static boolean has(PluginRegistry registry, ProviderKind kind, String id) {
        return registry.list(kind).stream().anyMatch(d -> d.id().equals(id));
    }

    private void type(Text text, String value) throws InterruptedException {
        text.setText(value);
        UiTestSupport.spin(fixture.display, 20);
    }
}

package org.dhad.ui.internal.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import org.dhad.api.registry.PluginRegistry;
import org.dhad.engine.TrainingService;
import org.dhad.model.ExperimentDocument;
import org.dhad.model.ExperimentModel;
import org.dhad.model.PluginSlot;
import org.dhad.ui.results.UserDialogs;
import org.dhad.ui.internal.run.RunLauncher;
import org.dhad.ui.internal.run.RunPart;
import org.dhad.ui.internal.run.RunSession;
import org.dhad.ui.internal.run.TrainingJob;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.e4.core.contexts.ContextInjectionFactory;
import org.eclipse.e4.core.contexts.EclipseContextFactory;
import org.eclipse.e4.core.contexts.IEclipseContext;
import org.eclipse.e4.ui.model.application.ui.basic.MBasicFactory;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Spinner;
import org.eclipse.swt.widgets.Text;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.FrameworkUtil;

/**
 * The experiment editor's segmentation source (issue 15) on an X display: the optional slot offers none and
 * the sources with class labels, its settings form and the schedule's segmentationEvery field; validation names
 * a segmentation-ce term without a source, and a ratio out of range, as for every other field.
 */
class SegmentationSectionTest {

    private static final long TIMEOUT_MS = 120_000;

    private Display display;
    private Shell shell;
    private IEclipseContext context;

    @AfterEach
    void close() {
        if (context != null) {
            context.dispose();
        }
        if (shell != null) {
            shell.dispose();
        }
    }

    @Test
    void chooseASourceForSegmentationCeAndSetItsRatio(@TempDir Path temp) throws Exception {
        display = UiTestSupport.display();
        ExperimentModel experiments = UiTestSupport.service(ExperimentModel.class, TIMEOUT_MS);
        UiTestSupport.service(PluginRegistry.class, TIMEOUT_MS);
        UiTestSupport.service(TrainingService.class, TIMEOUT_MS);
        ExperimentDocument preset = experiments.preset("demo");
        Map<String, Double> loss = new LinkedHashMap<>(preset.getLossWeights());
        loss.put("segmentation-ce", 1.0);
        preset.setLossWeights(loss);
        Path file = temp.resolve("mixed.xmi");
        preset.save(file);
        ExperimentPart editor = open(experiments.load(file));

        Combo source = UiTestSupport.field(shell, Combo.class, "segmentation.id");
        List<String> items = Arrays.asList(source.getItems());
        assertEquals(ProviderSection.NONE, source.getText(), "no source yet");
        assertTrue(items.contains("segmentation"), "the segmentation negatives have class labels: " + items);
        assertFalse(items.contains("synthetic") || items.contains("rectangle"), "sources without labels left out: "
                + items);
        assertTrue(editor.problems().stream().anyMatch(p -> p.startsWith("loss: term 'segmentation-ce' needs class "
                + "labels") && p.contains("add a <segmentation> source")), "what is missing is named: "
                        + editor.problems());

        source.select(items.indexOf("segmentation"));
        source.notifyListeners(SWT.Modify, new Event());
        UiTestSupport.spin(display, 50);
        Path images = Files.createDirectories(temp.resolve("pairs/images"));
        Path masks = Files.createDirectories(temp.resolve("pairs/masks"));
        ImageIO.write(new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB), "png", images.resolve("a.png").toFile());
        ImageIO.write(new BufferedImage(8, 8, BufferedImage.TYPE_BYTE_GRAY), "png", masks.resolve("a.png").toFile());
        set(UiTestSupport.field(shell, Text.class, "segmentation.images"), images.toString());
        set(UiTestSupport.field(shell, Text.class, "segmentation.masks"), masks.toString());
        assertEquals(List.of(), editor.problems(), "a labelled source makes segmentation-ce valid");
        assertEquals(masks.toString(), editor.document().getPlugin(PluginSlot.SEGMENTATION).orElseThrow().settings()
                .get("masks"), "the source's settings in the document");

        Spinner every = UiTestSupport.field(shell, Spinner.class, "schedule.segmentationEvery");
        assertEquals(4, every.getSelection(), "one step in 4 by default");
        assertEquals(2, every.getMinimum(), "the form offers the ratios the field allows");
        every.setSelection(6);
        every.notifyListeners(SWT.Modify, new Event());
        UiTestSupport.spin(display, 50);
        assertEquals(6, editor.document().getSchedule().segmentationEvery(), "one step in 6");
        // a file may hold what the spinner cannot: reported with its field path
        assertTrue(editor.document().getSchedule().with("segmentationEvery", 1).problems().contains(
                "schedule.segmentationEvery: 1 is not allowed; expected an integer in [2, 100000]"));
        editor.undo();
        assertEquals(4, editor.document().getSchedule().segmentationEvery(), "undo takes the ratio back");
        assertEquals(List.of(), editor.problems());

        source = UiTestSupport.field(shell, Combo.class, "segmentation.id");
        source.select(0);
        source.notifyListeners(SWT.Modify, new Event());
        UiTestSupport.spin(display, 50);
        assertTrue(editor.document().getPlugin(PluginSlot.SEGMENTATION).isEmpty(), "(none) removes the source");
        assertTrue(editor.problems().stream().anyMatch(p -> p.contains("'segmentation-ce' needs class labels")),
                editor.problems().toString());
        editor.undo();
        assertEquals("segmentation", editor.document().getPlugin(PluginSlot.SEGMENTATION).orElseThrow().id(),
                "undo brings the source back");
    }

    @Test
    void pretrainAndMixedTrainingRunFromTheWorkbench(@TempDir Path workspace) throws Exception {
        try (WorkbenchFixture fixture = new WorkbenchFixture("SegmentationSectionTest", workspace)) {
            display = fixture.display;
            ExperimentModel experiments = UiTestSupport.service(ExperimentModel.class, TIMEOUT_MS);
            UiTestSupport.service(TrainingService.class, TIMEOUT_MS);
            ExperimentDocument document = experiments.preset("demo");
            document.setSetting(PluginSlot.DATASET, "categories", "fabric");
            document.setSetting(PluginSlot.DATASET, "train-count", "4");
            document.setSchedule(document.getSchedule().with("epochs", 1).with("inputSize", 32).with("batchSize", 2)
                    .with("loaderThreads", 1));
            RunLauncher launcher = ContextInjectionFactory.make(RunLauncher.class, fixture.context);
            assertEquals(List.of("segmentation: missing; expected a segmentation source of labelled images (the "
                    + "editor's Segmentation source section) to pretrain on"), launcher.pretrain(document));

            Path images = Files.createDirectories(workspace.resolve("pairs/images"));
            Path masks = Files.createDirectories(workspace.resolve("pairs/masks"));
            for (String name : List.of("a", "b", "c", "d")) {
                BufferedImage mask = new BufferedImage(16, 16, BufferedImage.TYPE_BYTE_GRAY);
                mask.getRaster().setSample(3, 3, 0, 1); // one pixel of class 1
                ImageIO.write(new BufferedImage(16, 16, BufferedImage.TYPE_INT_RGB), "png",
                        images.resolve(name + ".png").toFile());
                ImageIO.write(mask, "png", masks.resolve(name + ".png").toFile());
            }
            document.setPlugin(PluginSlot.SEGMENTATION, new org.dhad.experiment.PluginChoice("segmentation",
                    Map.of("images", images.toString(), "masks", masks.toString())));
            assertEquals(List.of(), launcher.pretrain(document), "the pretraining starts");
            UiTestSupport.await(display, () -> Job.getJobManager().find(TrainingJob.FAMILY).length == 0, TIMEOUT_MS,
                    "the pretraining job", () -> "still running");
            UiTestSupport.spin(display, 100);
            List<Path> weights;
            try (java.util.stream.Stream<Path> files = Files.walk(workspace.resolve("runs/demo-pretrain"))) {
                weights = files.filter(f -> f.getFileName().toString().equals("weights.params")).toList();
            }
            assertEquals(1, weights.size(), "one weights.params under runs/demo-pretrain");
            RunSession session = (RunSession) fixture.harness.parts(RunPart.DESCRIPTOR_ID).get(0).getTransientData()
                    .get(RunPart.SESSION_KEY);
            assertTrue(session.state().startsWith("Pretrained: 1 epochs; weights in " + weights.get(0)),
                    session.state());

            // Run > Train of the same experiment with segmentation-ce: mixed training, then evaluation
            Map<String, Double> loss = new LinkedHashMap<>(document.getLossWeights());
            loss.put("segmentation-ce", 1.0);
            document.setLossWeights(loss);
            document.setSchedule(document.getSchedule().with("segmentationEvery", 2));
            assertEquals(List.of(), launcher.start(document), "the mixed run starts");
            UiTestSupport.await(display, () -> Job.getJobManager().find(TrainingJob.FAMILY).length == 0, TIMEOUT_MS,
                    "the mixed run", () -> "still running");
            UiTestSupport.spin(display, 100);
            RunSession mixed = (RunSession) fixture.harness.parts(RunPart.DESCRIPTOR_ID).get(1).getTransientData()
                    .get(RunPart.SESSION_KEY);
            assertTrue(mixed.state().startsWith("Finished: 1 epochs"), mixed.state());
            Path log;
            try (java.util.stream.Stream<Path> files = Files.walk(workspace.resolve("runs/demo"))) {
                log = files.filter(f -> f.getFileName().toString().equals("train-log.csv")).findFirst().orElseThrow();
            }
            List<String> rows = Files.readAllLines(log);
            assertTrue(rows.get(0).contains(",segmentation-ce,total,"), rows.get(0));
            assertEquals(4, rows.size() - 1, "2 anomaly batches and 2 segmentation steps: " + rows);
        }
    }

    private ExperimentPart open(ExperimentDocument document) throws InterruptedException {
        shell = new Shell(display);
        shell.setLayout(new FillLayout());
        shell.setSize(1200, 900);
        context = EclipseContextFactory.getServiceContext(FrameworkUtil.getBundle(getClass()).getBundleContext())
                .createChild("SegmentationSectionTest");
        MPart model = MBasicFactory.INSTANCE.createPart();
        model.getTransientData().put(ExperimentPart.DOCUMENT_KEY, document);
        context.set(MPart.class, model);
        context.set(Composite.class, new Composite(shell, SWT.NONE));
        context.set(UserDialogs.class, new ScriptedDialogs());
        ExperimentPart editor = ContextInjectionFactory.make(ExperimentPart.class, context);
        model.setObject(editor);
        shell.open();
        UiTestSupport.spin(display, 100);
        return editor;
    }

    private void set(Text text, String value) throws InterruptedException {
        text.setText(value);
        UiTestSupport.spin(display, 20);
    }
}

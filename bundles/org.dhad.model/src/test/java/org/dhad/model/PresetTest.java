package org.dhad.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.dhad.api.training.FreezePolicy;
import org.dhad.experiment.ExperimentSpec;
import org.dhad.experiment.LossPreset;
import org.dhad.experiment.PasteMode;
import org.dhad.experiment.PasteSpec;
import org.dhad.experiment.PluginChoice;
import org.dhad.experiment.Schedule;
import org.dhad.experiment.ScoreKind;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/** The shipped presets load, validate and convert to the paper's Table I settings and the demo. */
class PresetTest {

    @TempDir
    Path folder;

    @Test
    void theSixPresetsAreListedWithDescriptions() throws Exception {
        List<PresetInfo> presets = ModelFixture.model().presets();
        assertEquals(List.of("demo", "future-mixed", "table1-all-mask", "table1-all-rectangular", "table1-backbone-mask",
                "table1-none-rectangular"), presets.stream().map(PresetInfo::name).toList(), "preset names");
        for (PresetInfo preset : presets) {
            assertFalse(preset.description().isBlank(), preset.name() + " has a description");
        }
        assertTrue(presets.get(2).description().contains("80.72"), "table1-all-mask quotes the paper's AUROC");
    }

    @TestFactory
    Stream<DynamicTest> tableOnePresetsMatchThePaper() {
        // The four rows of the paper's Table I: freeze policy and patch shape.
        return Stream.of(DynamicTest.dynamicTest("table1-all-mask", () -> tableOneRow("table1-all-mask",
                FreezePolicy.ALL, PasteMode.MASK)),
                DynamicTest.dynamicTest("table1-backbone-mask", () -> tableOneRow("table1-backbone-mask",
                        FreezePolicy.BACKBONE, PasteMode.MASK)),
                DynamicTest.dynamicTest("table1-none-rectangular", () -> tableOneRow("table1-none-rectangular",
                        FreezePolicy.NONE, PasteMode.RECTANGLE)),
                DynamicTest.dynamicTest("table1-all-rectangular", () -> tableOneRow("table1-all-rectangular",
                        FreezePolicy.ALL, PasteMode.RECTANGLE)));
    }

    private static void tableOneRow(String name, FreezePolicy freeze, PasteMode paste) throws Exception {
        ExperimentDocument document = ModelFixture.model().preset(name);
        assertEquals(List.of(), document.validate(), name + " validates clean");
        Map<String, String> backbone = new LinkedHashMap<>();
        backbone.put("depth", "50");
        backbone.put("output-stride", "8");
        backbone.put("classes", "21");
        ExperimentSpec expected = new ExperimentSpec(name, new PluginChoice("deeplabv3", backbone), null,
                new PluginChoice("mvtec", Map.of("root", "/path/to/mvtec_anomaly_detection")), List.of(),
                new PluginChoice("segmentation", Map.of("root", "/path/to/ADE20K")), PasteSpec.defaults(paste),
                LossPreset.PAPER.weights(), freeze, Schedule.paper(), 0L,
                List.of("pixel-auroc", "pixel-fpr95", "pixel-ap", "pixel-aupro", "image-auroc"), ScoreKind.HYBRID);
        assertEquals(expected, document.toSpec(), name + " as a spec");
        // the XMI files spell the weights out; LossPreset is their one definition
        assertEquals(List.copyOf(LossPreset.PAPER.weights().keySet()),
                List.copyOf(document.toSpec().lossWeights().keySet()), "loss terms in the paper's order");
    }

    @Test
    void futureMixedIsTheBestTableOneRowWithASegmentationSourceMixedIn() throws Exception {
        ExperimentDocument document = ModelFixture.model().preset("future-mixed");
        assertEquals(List.of(), document.validate(), "future-mixed validates clean");
        ExperimentSpec spec = document.toSpec();
        ExperimentSpec best = ModelFixture.model().preset("table1-all-mask").toSpec();
        Map<String, Double> loss = new LinkedHashMap<>(LossPreset.PAPER.weights());
        loss.put(LossPreset.SEGMENTATION_CE, 1.0);
        ExperimentSpec expected = new ExperimentSpec("future-mixed", best.backbone(), null, best.dataset(),
                best.categories(), best.negatives(), best.paste(), loss, best.freeze(),
                best.schedule().with(Schedule.SEGMENTATION_EVERY, 4), best.seed(), best.metrics(), best.score(),
                new PluginChoice("segmentation", Map.of("root", "/path/to/VOCdevkit/VOC2012")));
        assertEquals(expected, spec, "table1-all-mask plus the source, the term and the ratio");
    }

    @Test
    void demoPresetTrainsFromScratchWithTheBoundedWeights() throws Exception {
        // demo.xmi is the one definition of the demo: dhad demo, the workbench and the engine's demo test load it
        ExperimentSpec spec = ModelFixture.model().preset("demo").toSpec();
        assertEquals(LossPreset.BOUNDED.weights(0.3), spec.lossWeights(), "bounded terms at beta 0.3");
        assertNull(spec.weights(), "random initialisation");
        assertEquals(FreezePolicy.NONE, spec.freeze(), "everything trains from scratch");
    }

    @Test
    void presetIsAFreshCopyThatSavesAndReloads() throws Exception {
        ExperimentModel model = ModelFixture.model();
        ExperimentDocument first = model.preset("table1-all-mask");
        first.setSetting(PluginSlot.DATASET, "root", "/data/mvtec");
        assertEquals("/path/to/mvtec_anomaly_detection",
                model.preset("table1-all-mask").getPlugin(PluginSlot.DATASET).orElseThrow().settings().get("root"),
                "editing one preset document does not change the next");
        assertTrue(first.file().isEmpty(), "a preset is not attached to a file");
        Path file = folder.resolve("mine.xmi");
        first.save(file);
        assertEquals(first.toSpec(), model.load(file).toSpec(), "saved preset reloads equal");
    }

    @Test
    void unknownPresetListsTheKnownOnes() throws Exception {
        ModelException e = assertThrows(ModelException.class, () -> ModelFixture.model().preset("table2"));
        assertEquals("preset 'table2' does not exist; known presets: demo, future-mixed, table1-all-mask, table1-all-rectangular, "
                + "table1-backbone-mask, table1-none-rectangular", e.getMessage(), "message");
    }
}

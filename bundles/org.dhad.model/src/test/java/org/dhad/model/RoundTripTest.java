package org.dhad.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import org.dhad.experiment.ExperimentSpec;
import org.dhad.experiment.PasteMode;
import org.dhad.experiment.PasteSpec;
import org.dhad.experiment.Schedule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** fromSpec, save, load and toSpec give back an equal spec, and the file stays readable. */
class RoundTripTest {

    @TempDir
    Path folder;

    @Test
    void specSurvivesSaveAndLoad() throws Exception {
        ExperimentModel model = ModelFixture.model();
        ExperimentSpec spec = ModelFixture.unusualSpec(Path.of("/weights/voc resnet50.pt"));
        Path file = folder.resolve("nested/round-trip.xmi");

        ExperimentDocument saved = model.fromSpec(spec);
        assertEquals(List.of(), saved.validate(), "spec converts to a valid document");
        saved.save(file);
        assertEquals(file, saved.file().orElseThrow(), "document remembers where it was saved");

        ExperimentDocument loaded = model.load(file);
        ExperimentSpec back = loaded.toSpec();
        assertEquals(spec, back, "spec after save and load");
        assertEquals(List.copyOf(spec.lossWeights().keySet()), List.copyOf(back.lossWeights().keySet()),
                "loss terms keep their order");
        assertEquals(List.copyOf(spec.backbone().settings().keySet()),
                List.copyOf(back.backbone().settings().keySet()), "settings keep their order");
        assertEquals(file, loaded.file().orElseThrow(), "loaded document knows its file");
    }

    @Test
    void relativeAndMissingWeightsSurvive() throws Exception {
        ExperimentModel model = ModelFixture.model();
        for (Path weights : new Path[] { Path.of("weights/model.pt"), null }) {
            ExperimentSpec spec = ModelFixture.unusualSpec(weights);
            Path file = folder.resolve("weights-" + (weights == null ? "none" : "relative") + ".xmi");
            model.fromSpec(spec).save(file);
            ExperimentSpec back = model.load(file).toSpec();
            assertEquals(spec, back, "spec with weights " + weights);
            if (weights == null) {
                assertNull(back.weights(), "no weights stays no weights");
            }
        }
    }

    @Test
    void savedFileIsPlainReadableXmiWithEveryValue() throws Exception {
        ExperimentModel model = ModelFixture.model();
        Path file = folder.resolve("readable.xmi");
        ExperimentDocument document = model.fromSpec(ModelFixture.unusualSpec(null));
        // Values equal to the metamodel defaults must still be written, so the file shows them.
        document.setPaste(PasteSpec.defaults(PasteMode.MASK));
        document.setSchedule(Schedule.paper());
        document.save(file);
        String text = Files.readString(file, StandardCharsets.UTF_8);
        for (String expected : new String[] { "xmlns:dhad=\"" + ExperimentModel.NS_URI + "\"",
                "name=\"round-trip\"", "seed=\"-42\"", "freezePolicy=\"BACKBONE\"", "score=\"ENERGY\"",
                "weights=\"\"", "<backbone id=\"deeplabv3\">", "<settings key=\"depth\" value=\"50\"/>",
                "<categories>bottle</categories>", "mode=\"MASK\"", "count=\"1\"", "rectangleStep=\"16\"",
                "<lossTerms id=\"outlier-energy\" weight=\"0.03\"/>", "epochs=\"40\"", "batchSize=\"4\"",
                "loaderThreads=\"2\"", "<metrics>pixel-ap</metrics>" }) {
            assertTrue(text.contains(expected), () -> "saved file lacks " + expected + ":\n" + text);
        }
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)),
                "a new file gets the usual permissions, not the temporary file's owner-only ones");
    }

    @Test
    void gettersAndSettersWorkOnTheSameTree() throws Exception {
        ExperimentModel model = ModelFixture.model();
        ExperimentDocument document = model.fromSpec(ModelFixture.unusualSpec(null));
        document.setSetting(PluginSlot.DATASET, "root", "/elsewhere");
        document.setSetting(PluginSlot.DATASET, "categories-file", "c.txt");
        assertEquals("/elsewhere", document.getPlugin(PluginSlot.DATASET).orElseThrow().settings().get("root"),
                "replaced setting");
        assertEquals(List.of("root", "categories-file"),
                List.copyOf(document.getPlugin(PluginSlot.DATASET).orElseThrow().settings().keySet()),
                "appended setting comes last");
        ExperimentDocument copy = document.copy();
        copy.setName("other");
        assertEquals("round-trip", document.getName(), "copy is independent");
        assertTrue(copy.file().isEmpty(), "copy has no file");
        assertTrue(document.root().eResource() != copy.root().eResource(), "copy lives in its own resource");
    }
}

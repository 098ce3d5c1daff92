package org.dhad.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.dhad.experiment.PasteMode;
import org.dhad.experiment.PasteSpec;
import org.dhad.experiment.Schedule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Broken files and values give messages that name the file, the line, the field and what is allowed. */
class BrokenInputTest {

    /** A valid experiment, one element per line so that lines in messages are predictable. */
    private static final String VALID = """
            <?xml version="1.0" encoding="UTF-8"?>
            <dhad:Experiment xmi:version="2.0" xmlns:xmi="http://www.omg.org/XMI" xmlns:dhad="http://dhad.org/experiment/1.0" name="x" freezePolicy="ALL">
              <backbone id="deeplabv3"/>
              <dataset id="synthetic"/>
              <negatives id="synthetic"/>
              <paste mode="MASK"/>
              <lossTerms id="inlier-posterior" weight="1.0"/>
              <schedule epochs="40" batchSize="4"/>
              <metrics>pixel-auroc</metrics>
            </dhad:Experiment>
            """;

    @TempDir
    Path folder;

    @Test
    void validTemplateLoadsWithTheEcoreDefaults() throws Exception {
        ExperimentDocument document = ModelFixture.model().load(write("valid.xmi", VALID));
        assertEquals(List.of(), document.validate(), "template is valid");
        assertEquals(Schedule.paper(), document.getSchedule(), "unwritten schedule values are the paper's");
        assertEquals(PasteSpec.defaults(PasteMode.MASK), document.getPaste(), "unwritten paste values are defaults");
        assertEquals(0L, document.getSeed(), "default seed");
        ExperimentDocument bare = ModelFixture.model().load(write("bare.xmi",
                VALID.replace("<schedule epochs=\"40\" batchSize=\"4\"/>", "<schedule/>")));
        assertEquals(Schedule.paper(), bare.getSchedule(), "an empty schedule element has the paper's values");
    }

    @Test
    void missingFile() throws Exception {
        Path file = folder.resolve("absent.xmi");
        ModelException e = assertThrows(ModelException.class, () -> ModelFixture.model().load(file));
        assertEquals(file + ": no such file; expected an experiment .xmi file", e.getMessage(), "message");
    }

    @Test
    void malformedXml() throws Exception {
        Path file = write("malformed.xmi", VALID.replace("<paste mode=\"MASK\"/>", "<paste mode=\"MASK\">"));
        String message = loadFailure(file);
        // Only the XML error, not its consequences (later elements seemingly nested in <paste>).
        assertTrue(message.startsWith(file + ", line 10: not well-formed XML: "), () -> "file, line, kind: " + message);
        assertTrue(message.contains("\"paste\"") && !message.contains("\n"), () -> "one problem, naming paste: " + message);
    }

    @Test
    void unknownEnumLiteralListsTheAllowedOnes() throws Exception {
        Path file = write("enum.xmi", VALID.replace("freezePolicy=\"ALL\"",
                "freezePolicy=\"SOME\" score=\"MAX\""));
        ModelException e = assertThrows(ModelException.class, () -> ModelFixture.model().load(file));
        assertEquals(List.of(
                file + ", line 2: freezePolicy: 'SOME' is not allowed; expected one of ALL, BACKBONE, NONE",
                file + ", line 2: score: 'MAX' is not allowed; expected one of HYBRID, ENERGY, POSTERIOR"),
                e.problems(), "both problems, each with file, line, field and literals");
        assertTrue(e.getMessage().startsWith(file + ": 2 problems:"), () -> "headline: " + e.getMessage());
        // paste and schedule fields are text in the file, checked by their definitions like in the workbench
        Path paste = write("mode.xmi", VALID.replace("<paste mode=\"MASK\"/>", "<paste mode=\"CIRCLE\"/>"));
        assertEquals(List.of("paste.mode: 'CIRCLE' is not allowed; expected one of MASK, RECTANGLE"),
                ModelFixture.model().load(paste).validate(), "paste.mode loads and is refused by validation");
    }

    @Test
    void wrongNumberType() throws Exception {
        Path file = write("number.xmi", VALID.replace("batchSize=\"4\"", "batchSize=\"four\""));
        assertEquals(List.of("schedule.batchSize: 'four' is not allowed; expected an integer in [1, 4096]"),
                ModelFixture.model().load(file).validate(), "message");
        Path decimal = write("decimal.xmi", VALID.replace("weight=\"1.0\"", "weight=\"1,0\""));
        assertEquals(decimal + ", line 7: lossTerms[0].weight: '1,0' is not allowed; expected a decimal number "
                + "(e.g. 0.25 or 1.0E-4)", loadFailure(decimal), "message");
    }

    @Test
    void unknownAttributeAndElementNameTheKnownFeatures() throws Exception {
        Path file = write("unknown.xmi", VALID.replace("<schedule epochs", "<schedule epoch=\"3\" epochs")
                .replace("<metrics>", "<metric>pixel-ap</metric>\n  <metrics>"));
        ModelException e = assertThrows(ModelException.class, () -> ModelFixture.model().load(file));
        assertEquals(List.of(file + ", line 8: unknown element or attribute 'epoch' in schedule; expected one of "
                + "epochs, batchSize, inputSize, learningRate, backboneLrFactor, minLearningRate, loaderThreads, "
                + "flipProbability, device, segmentationEvery",
                file + ", line 9: unknown element or attribute 'metric' in the experiment; expected one of name, "
                        + "description, seed, freezePolicy, score, weights, backbone, dataset, categories, negatives, "
                        + "paste, lossTerms, schedule, metrics, segmentation"),
                e.problems(), "problems");
    }

    @Test
    void wrongNamespaceOrRoot() throws Exception {
        Path file = write("namespace.xmi", VALID.replace("experiment/1.0", "experiment/9.0"));
        assertEquals(file + ", line 2: unknown namespace 'http://dhad.org/experiment/9.0'; expected "
                + "xmlns:dhad=\"http://dhad.org/experiment/1.0\"", loadFailure(file), "namespace");
        Path paste = write("paste.xmi", """
                <?xml version="1.0" encoding="UTF-8"?>
                <dhad:Paste xmi:version="2.0" xmlns:xmi="http://www.omg.org/XMI" xmlns:dhad="http://dhad.org/experiment/1.0"/>
                """);
        assertEquals(paste + ": the root element is Paste; expected exactly one dhad:Experiment", loadFailure(paste),
                "wrong root");
        Path empty = write("empty.xmi", "");
        assertTrue(loadFailure(empty).startsWith(empty + ", line 1: not well-formed XML"), "empty file");
    }

    @Test
    void negativeEpochsLoadButDoNotValidate() throws Exception {
        Path file = write("epochs.xmi", VALID.replace("epochs=\"40\"", "epochs=\"-3\""));
        ExperimentDocument document = ModelFixture.model().load(file);
        assertEquals(List.of("schedule.epochs: -3 is not allowed; expected an integer in [1, 100000]"), document.validate(),
                "validation");
        ModelException e = assertThrows(ModelException.class, document::toSpec);
        assertEquals(file + ": 1 problem(s):\n  schedule.epochs: -3 is not allowed; expected an integer in [1, 100000]",
                e.getMessage(), "toSpec names the file and the problem");
    }

    @Test
    void valuesOutOfRangeAreEachReported() throws Exception {
        ExperimentDocument document = ModelFixture.model().load(write("values.xmi", VALID
                .replace("<paste mode=\"MASK\"/>", "<paste mode=\"MASK\" probability=\"1.5\" minScale=\"0.5\" "
                        + "maxScale=\"0.2\" count=\"0\"/>")
                .replace("<backbone id=\"deeplabv3\"/>", "<backbone><settings key=\"depth\" value=\"1\"/>"
                        + "<settings key=\"depth\" value=\"2\"/></backbone>")
                .replace("<lossTerms id=\"inlier-posterior\" weight=\"1.0\"/>", "")
                .replace("name=\"x\"", "name=\"a/b\"")
                .replace("<metrics>pixel-auroc</metrics>", "<metrics>pixel-ap</metrics><metrics>pixel-ap</metrics>")));
        assertEquals(List.of("backbone.settings[1].key: 'depth' is given twice; expected each key once",
                "name: 'a/b' is not allowed; expected letters, digits, '.', '_' or '-' (it names the run folder)",
                "backbone: missing; expected the id of an installed provider in <backbone id=\"...\">",
                "paste.count: 0 is not allowed; expected an integer in [1, 1000]",
                "paste.probability: 1.5 is not allowed; expected a number in [0, 1]",
                "paste.maxScale: 0.2 is not allowed; expected a number >= paste.minScale (0.5)",
                "lossTerms: at least one term is required; expected e.g. <lossTerms id=\"inlier-posterior\" "
                        + "weight=\"1.0\"/>",
                "metrics[1]: 'pixel-ap' is listed twice; expected each once"), document.validate(), "problems");
    }

    private String loadFailure(Path file) throws InterruptedException {
        return assertThrows(ModelException.class, () -> ModelFixture.model().load(file)).getMessage();
    }

    private Path write(String name, String content) throws Exception {
        return Files.writeString(folder.resolve(name), content, StandardCharsets.UTF_8);
    }
}

package org.dhad.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dhad runs}: each run's configuration column names its backbone (with the .pt file), freeze, patches
 * and seed, and the SETTINGS column keeps only the other differences between runs of one experiment.
 */
class RunsCommandTest {

    @TempDir
    Path runs;

    @Test
    void configurationColumnTellsRunsOfOneExperimentApart() throws Exception {
        run("table1", "20261201-100000", "{\"id\": \"torchscript\", \"settings\": {\"file\": "
                + "\"/models/mobilenet_imagenet.pt\", \"feature-channels\": \"512\"}}", "ALL", "MASK", 0, 0.001);
        run("table1", "20261201-110000", "{\"id\": \"torchscript\", \"settings\": {\"file\": "
                + "\"/models/mobilenet_random.pt\", \"feature-channels\": \"512\"}}", "NONE", "RECTANGLE", 3, 0.01);

        List<String> lines = runs(runs.toString());

        List<String> header = List.of(lines.get(0).split("\\s{2,}"));
        assertEquals(List.of("RUN", "STATE", "EPOCHS", "PIXEL AUROC %", "PIXEL AP %", "CONFIGURATION", "SETTINGS",
                "FOLDER"), header, lines.get(0));
        int column = lines.get(0).indexOf("CONFIGURATION");
        // newest first
        assertTrue(lines.get(2).substring(column).startsWith(
                "torchscript mobilenet_random.pt, freeze None, patches Rectangle, seed 3  "), lines.get(2));
        assertTrue(lines.get(3).substring(column).startsWith(
                "torchscript mobilenet_imagenet.pt, freeze All, patches Mask, seed 0  "), lines.get(3));
        int settings = lines.get(0).indexOf("SETTINGS");
        assertTrue(lines.get(2).substring(settings).startsWith("schedule learning rate=0.01  "),
                "only what the configuration does not show: " + lines.get(2));
    }

    @Test
    void runsAlikeButForTheirConfigurationHaveNoOtherSettings() throws Exception {
        String backbone = "{\"id\": \"deeplabv3\", \"settings\": {\"depth\": \"18\"}}";
        run("demo", "20261201-100000", backbone, "NONE", "MASK", 0, 0.001);
        run("demo", "20261201-110000", backbone, "NONE", "MASK", 1, 0.001);

        List<String> lines = runs(runs.toString());

        int settings = lines.get(0).indexOf("SETTINGS");
        assertEquals("deeplabv3, freeze None, patches Mask, seed 1",
                lines.get(2).substring(lines.get(0).indexOf("CONFIGURATION"), settings).strip(), lines.get(2));
        assertTrue(lines.get(2).substring(settings).startsWith("-  "),
                "the seed is in the configuration column, not repeated in SETTINGS: " + lines.get(2));
    }

    private static List<String> runs(String... args) {
        StringWriter out = new StringWriter();
        picocli.CommandLine command = new picocli.CommandLine(new ReportCommands.Runs());
        command.setOut(new PrintWriter(out));
        int exit = command.execute(args);
        assertEquals(0, exit, "dhad runs exit code; output:\n" + out);
        return out.toString().lines().toList();
    }

    /** A run folder as the engine writes it: only experiment.json, so the run is "created", not trained. */
    private void run(String name, String stamp, String backboneJson, String freeze, String paste, long seed,
            double learningRate) throws IOException {
        Path dir = Files.createDirectories(runs.resolve(name).resolve(stamp));
        Files.writeString(dir.resolve("experiment.json"), "{\"name\": \"" + name + "\", \"backbone\": " + backboneJson
                + ", \"dataset\": {\"id\": \"synthetic\", \"settings\": {}}, \"negatives\": {\"id\": \"synthetic\", "
                + "\"settings\": {}}, \"paste\": {\"mode\": \"" + paste + "\"}, \"lossWeights\": {\"inlier-posterior\": "
                + "1.0}, \"freeze\": \"" + freeze + "\", \"schedule\": {\"epochs\": 2, \"learningRate\": "
                + learningRate + "}, \"seed\": " + seed + "}", StandardCharsets.UTF_8);
    }
}

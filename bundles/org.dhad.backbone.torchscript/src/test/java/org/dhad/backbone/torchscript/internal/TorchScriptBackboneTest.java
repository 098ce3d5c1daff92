package org.dhad.backbone.torchscript.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.dhad.api.PluginException;
import org.dhad.api.Settings;
import org.dhad.api.backbone.Backbone;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code torchscript} backbone service and its error paths; files made by PyTorch are loaded and
 * trained in {@link TracedFixtureTest} and {@link SharedMobileNetTest}.
 */
class TorchScriptBackboneTest {

    private static TracedFixtures fixtures;
    private static Backbone backbone;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws Exception {
        fixtures = new TracedFixtures();
        backbone = fixtures.backbone();
    }

    @AfterAll
    static void stop() {
        fixtures.close();
    }

    @Test
    void registeredWithSettings() {
        assertEquals("torchscript", backbone.id());
        assertEquals(List.of("file", "feature-output", "classes-output", "classes", "feature-channels", "normalize"),
                backbone.settings().stream().map(s -> s.key()).toList());
        List<String> problems = Settings.defaults(backbone).validate();
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("'file' is missing"), problems.get(0));
    }

    @Test
    void fileIsRequired() {
        String m = assertThrows(PluginException.class, () -> create(Map.of())).getMessage();
        assertTrue(m.contains("file") && m.contains("required"), m);
    }

    @Test
    void missingFileIsNamed() {
        Path absent = dir.resolve("absent.pt");
        String m = assertThrows(PluginException.class, () -> create(Map.of("file", absent.toString()))).getMessage();
        assertTrue(m.contains(absent.toString()) && m.contains("does not exist"), m);
    }

    @Test
    void randomBytesAreNotTorchScript() throws Exception {
        Path file = dir.resolve("random.pt");
        Files.write(file, "this is not a model".getBytes(StandardCharsets.US_ASCII));
        String m = assertThrows(PluginException.class, () -> create(Map.of("file", file.toString()))).getMessage();
        assertTrue(m.contains(file.toString()) && m.contains("not a TorchScript file: not a zip archive"), m);
    }

    /** torch.save(state_dict) makes a zip with data.pkl but neither code/ nor constants.pkl. */
    @Test
    void stateDictZipIsNotTorchScript() throws Exception {
        Path file = dir.resolve("state_dict.pt");
        zip(file, Map.of("archive/data.pkl", "x", "archive/data/0", "y", "archive/version", "3"));
        String m = assertThrows(PluginException.class, () -> create(Map.of("file", file.toString()))).getMessage();
        assertTrue(m.contains(file.toString()) && m.contains("a zip archive without code/ and constants.pkl"), m);
    }

    /** The right entry names with broken contents reach libtorch, whose complaint is passed on with the file. */
    @Test
    void brokenArchiveIsReportedFromLibtorch() throws Exception {
        Path file = dir.resolve("broken.pt");
        zip(file, Map.of("archive/data.pkl", "not a pickle", "archive/constants.pkl", "not a pickle",
                "archive/code/__torch__.py", "class Broken(Module):\n", "archive/version", "3"));
        String m = assertThrows(PluginException.class, () -> create(Map.of("file", file.toString()))).getMessage();
        assertTrue(m.contains("libtorch 2.7.1 cannot load " + file), m);
        assertTrue(m.contains("torch.jit.trace"), m);
    }

    @Test
    void featureAndClassOutputsMustDiffer() throws Exception {
        Path file = dir.resolve("any.pt");
        Files.write(file, new byte[] {1});
        String m = assertThrows(PluginException.class,
                () -> create(Map.of("file", file.toString(), "classes-output", "0"))).getMessage();
        assertTrue(m.contains("'classes-output' and 'feature-output' are both 0"), m);
    }

    private static void create(Map<String, String> values) throws PluginException {
        backbone.create(new Settings(backbone.id(), backbone.settings(), values));
    }

    private static void zip(Path file, Map<String, String> entries) throws Exception {
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, String> e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
    }
}

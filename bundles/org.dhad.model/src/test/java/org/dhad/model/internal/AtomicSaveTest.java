package org.dhad.model.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;

import org.dhad.model.ExperimentDocument;
import org.dhad.model.ExperimentModel;
import org.dhad.model.ModelException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

/** A save that fails leaves the existing file byte for byte as it was, and no temporary file behind. */
class AtomicSaveTest {

    @TempDir
    Path folder;

    @Test
    void unserialisableDocumentLeavesTheOldFileIntact() throws Exception {
        ExperimentModel model = model();
        Path file = folder.resolve("experiment.xmi");
        ExperimentDocument document = model.preset("demo");
        document.save(file);
        byte[] before = Files.readAllBytes(file);

        // A lone UTF-16 surrogate cannot be written as XML: EMF fails part-way through serialising.
        document.setName("broken\uD800name");
        ModelException e = assertThrows(ModelException.class, () -> document.save(file));
        assertTrue(e.getMessage().startsWith(file + ": cannot be saved ("), () -> "names the file: " + e.getMessage());
        assertTrue(e.getMessage().endsWith("an existing file there was left unchanged"), e::getMessage);
        assertArrayEquals(before, Files.readAllBytes(file), "old content intact");
        assertEquals(List.of(file), list(folder), "no temporary file left behind");
        assertEquals("demo", model.load(file).getName(), "old file still loads");
    }

    @Test
    void writerFailingPartWayLeavesTheOldFileIntact() throws Exception {
        Path file = Files.writeString(folder.resolve("keep.xmi"), "old content", StandardCharsets.UTF_8);
        IOException e = assertThrows(IOException.class, () -> AtomicFile.write(file, out -> {
            out.write("new, but only half of it".getBytes(StandardCharsets.UTF_8));
            throw new IOException("disk full");
        }));
        assertEquals("disk full", e.getMessage(), "the writer's failure is passed on");
        assertEquals("old content", Files.readString(file), "old content intact");
        assertEquals(List.of(file), list(folder), "no temporary file left behind");
    }

    @Test
    void successfulWriteReplacesContentAndKeepsPermissions() throws Exception {
        Path file = Files.writeString(folder.resolve("replace.xmi"), "old", StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
        AtomicFile.write(file, out -> out.write("new".getBytes(StandardCharsets.UTF_8)));
        assertEquals("new", Files.readString(file), "content replaced");
        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)),
                "permissions of the replaced file kept");
        assertEquals(List.of(file), list(folder), "only the target remains");
    }

    private static List<Path> list(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.toList();
        }
    }

    private static ExperimentModel model() throws InterruptedException {
        ServiceTracker<ExperimentModel, ExperimentModel> tracker = new ServiceTracker<>(
                FrameworkUtil.getBundle(AtomicSaveTest.class).getBundleContext(), ExperimentModel.class, null);
        tracker.open();
        ExperimentModel model = tracker.waitForService(10_000);
        assertNotNull(model, "ExperimentModel service");
        return model;
    }
}

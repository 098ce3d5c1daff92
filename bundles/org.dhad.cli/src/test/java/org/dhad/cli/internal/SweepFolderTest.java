package org.dhad.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** sweep.json round trip, array indices, and the one-line errors when Slurm is missing or does not answer. */
class SweepFolderTest {

    @TempDir
    Path temp;

    @Test
    void savedAndReadBackWithItsJobs() throws IOException {
        SweepFolder.Task task = new SweepFolder.Task(0, "a-grid-s0", "/e/a.xmi", "a", "grid", 0);
        SweepFolder sweep = new SweepFolder(Files.createDirectories(temp.resolve("s")), "now", "/opt/dhad", 2,
                List.of(task), List.of());
        sweep.addJob(new SweepFolder.Job("17", "0"));
        sweep.save();

        SweepFolder read = SweepFolder.open(temp.resolve("s"));
        assertEquals(List.of(task), read.tasks());
        assertEquals(List.of(new SweepFolder.Job("17", "0")), read.jobs());
        assertEquals(2, read.maxParallel());
        assertEquals(temp.resolve("s/experiments/a-grid-s0.xmi"), read.experimentCopy(task));

        IOException none = assertThrows(IOException.class, () -> SweepFolder.open(temp));
        assertEquals(temp + ": not a sweep folder; expected sweep.json in it (written by dhad sweep --executor slurm)",
                none.getMessage());
    }

    @Test
    void arrayIndicesAsRanges() {
        assertEquals("0-3,5,7-8", SweepFolder.arrayIndices(List.of(0, 1, 2, 3, 5, 7, 8)));
        assertEquals("4", SweepFolder.arrayIndices(List.of(4)));
    }

    @Test
    void missingSbatchOrSilentControllerIsOneLine() throws IOException {
        Path empty = Files.createDirectories(temp.resolve("empty"));
        IOException missing = assertThrows(IOException.class, () -> new SlurmClient(empty.toString()).checkReachable());
        assertTrue(missing.getMessage().startsWith("sbatch is not on the PATH (" + empty + "); install Slurm's client"),
                missing.getMessage());
        assertFalse(missing.getMessage().contains("\n"));

        // a client whose controller is down answers as Slurm's squeue does then
        Path bin = Files.createDirectories(temp.resolve("bin"));
        command(bin, "sbatch", "exit 0");
        command(bin, "squeue", "echo 'slurm_load_jobs error: Unable to contact slurm controller (connect failure)' >&2;"
                + " exit 1");
        IOException down = assertThrows(IOException.class, () -> new SlurmClient(bin.toString()).checkReachable());
        assertEquals("the Slurm controller does not answer (squeue: slurm_load_jobs error: Unable to contact slurm "
                + "controller (connect failure))", down.getMessage());
    }

    private static void command(Path bin, String name, String body) throws IOException {
        Path file = bin.resolve(name);
        Files.writeString(file, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}

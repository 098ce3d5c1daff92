package org.dhad.data.mvtec.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import org.dhad.api.data.DataException;
import org.dhad.api.data.DataProblem;
import org.dhad.api.data.DatasetContent;
import org.dhad.api.data.Sample;
import org.dhad.api.data.Split;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Broken copies of the grid sample: every problem names the file and what was expected. */
class BrokenDataTest {

    @TempDir
    Path temp;

    private DatasetContent open(Path root) throws Exception {
        return DatasetFixtures.open("mvtec", Map.of("root", root.toString()));
    }

    /** The one problem about {@code file}; fails when there is none or more. */
    private static DataProblem problemAt(DatasetContent content, Path file) {
        List<DataProblem> at = content.problems().stream()
                .filter(p -> p.location().equals(file.toAbsolutePath().toString())).toList();
        assertEquals(1, at.size(), "one problem at " + file + " among " + content.problems());
        return at.get(0);
    }

    @Test
    void intactCopyIsClean() throws Exception {
        DatasetFixtures.smallGrid(temp);
        DatasetContent content = open(temp);
        assertEquals(List.of(), content.problems(), "no problems in an intact copy");
        assertEquals(3, content.samples("grid", Split.TRAIN).size(), "train");
        assertEquals(6, content.samples("grid", Split.TEST).size(), "test");
    }

    @Test
    void missingMask() throws Exception {
        Path grid = DatasetFixtures.smallGrid(temp);
        Files.delete(grid.resolve("ground_truth/bent/001_mask.png"));
        DatasetContent content = open(temp);
        DataProblem problem = problemAt(content, grid.resolve("test/bent/001.png"));
        assertTrue(problem.message().contains("no ground-truth mask") && problem.message().contains("expected ")
                && problem.message().contains("ground_truth/bent/001_mask.png"), problem.toString());
        assertEquals(5, content.samples("grid", Split.TEST).size(), "the sample without mask is left out");
    }

    @Test
    void maskOfADifferentSize() throws Exception {
        Path grid = DatasetFixtures.smallGrid(temp);
        Path mask = grid.resolve("ground_truth/broken/000_mask.png");
        DatasetFixtures.writePng(DatasetFixtures.rectangleMask(512, 512, 10, 10, 50, 50), mask);
        DatasetContent content = open(temp);
        DataProblem problem = problemAt(content, mask);
        assertTrue(problem.message().contains("512x512") && problem.message().contains("expected 1024x1024"),
                problem.toString());
        assertEquals(5, content.samples("grid", Split.TEST).size(), "left out");
        // Without the header check, reading the mask reports the mismatch instead.
        DatasetContent unchecked = DatasetFixtures.open("mvtec", Map.of("root", temp.toString(), "check-files", "false"));
        Sample broken = unchecked.samples("grid", Split.TEST).stream()
                .filter(s -> s.defectType().equals("broken") && s.name().equals("000")).findFirst().orElseThrow();
        IOException e = assertThrows(IOException.class, broken::readMask);
        assertTrue(e.getMessage().contains(mask.toString()) && e.getMessage().contains("expected 1024x1024"),
                e.getMessage());
    }

    @Test
    void truncatedPng() throws Exception {
        Path grid = DatasetFixtures.smallGrid(temp);
        Path image = grid.resolve("train/good/001.png");
        truncate(image);
        DatasetContent content = open(temp);
        DataProblem problem = problemAt(content, image);
        assertTrue(problem.message().contains("truncated") && problem.message().contains("expected a complete PNG"),
                problem.toString());
        assertEquals(2, content.samples("grid", Split.TRAIN).size(), "left out");
        DatasetContent unchecked = DatasetFixtures.open("mvtec", Map.of("root", temp.toString(), "check-files", "false"));
        Sample sample = unchecked.samples("grid", Split.TRAIN).get(1);
        assertEquals("001", sample.name(), "the truncated file is indexed when files are not checked");
        IOException e = assertThrows(IOException.class, sample::readImage);
        assertTrue(e.getMessage().contains(image.toString()) && e.getMessage().contains("expected"), e.getMessage());
    }

    @Test
    void corruptAndTruncatedJpeg() throws Exception {
        Path normal = temp.resolve("parts/normal");
        Path grid = DatasetFixtures.grid();
        for (int i = 0; i < 5; i++) {
            DatasetFixtures.writeJpeg(ImageIO.read(grid.resolve("train/good/00" + i + ".png").toFile()),
                    normal.resolve("part" + i + ".jpg"));
        }
        Path corrupt = normal.resolve("part1.jpg");
        try (RandomAccessFile file = new RandomAccessFile(corrupt.toFile(), "rw")) {
            file.seek(4);
            file.write(new byte[400]); // wipes the JFIF, quantisation and frame headers
        }
        Path truncated = normal.resolve("part3.jpg");
        truncate(truncated);
        DatasetContent content = DatasetFixtures.open("folder", Map.of("normal", normal.toString(), "test-fraction", "0"));
        assertTrue(problemAt(content, corrupt).message().contains("expected a complete, readable image"),
                problemAt(content, corrupt).toString());
        assertTrue(problemAt(content, truncated).message().contains("expected a complete JPEG"),
                problemAt(content, truncated).toString());
        assertEquals(3, content.samples("parts", Split.TRAIN).size(), "the two damaged files are left out");
        DatasetContent unchecked = DatasetFixtures.open("folder",
                Map.of("normal", normal.toString(), "test-fraction", "0", "check-files", "false"));
        for (Sample s : unchecked.samples("parts", Split.TRAIN)) {
            if (s.name().equals("part1") || s.name().equals("part3")) {
                IOException e = assertThrows(IOException.class, s::readImage, "reading " + s.source());
                assertTrue(e.getMessage().contains(s.source()) && e.getMessage().contains("expected"), e.getMessage());
            } else {
                assertEquals(1024, s.readImage().getWidth(), "intact JPEG reads");
            }
        }
    }

    @Test
    void emptyCategory() throws Exception {
        DatasetFixtures.smallGrid(temp);
        Path emptyTrain = Files.createDirectories(temp.resolve("screw/train/good"));
        Files.createDirectories(temp.resolve("screw/test/good"));
        DatasetContent content = open(temp);
        assertEquals(List.of("grid"), content.categories(), "the empty category is left out");
        DataProblem problem = problemAt(content, emptyTrain);
        assertTrue(problem.message().contains("'screw'") && problem.message().contains("expected normal images"),
                problem.toString());
        Files.walk(temp.resolve("grid")).sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
        DataException e = DatasetFixtures.failure("mvtec", Map.of("root", temp.toString()));
        assertTrue(e.getMessage().contains(temp.toString()) && e.getMessage().contains("no usable category"),
                "nothing usable: " + e.getMessage());
    }

    @Test
    void unknownLayout() throws Exception {
        Files.createDirectories(temp.resolve("photos/holiday"));
        Files.writeString(temp.resolve("photos/notes.txt"), "not a dataset");
        DataException e = DatasetFixtures.failure("mvtec", Map.of("root", temp.toString()));
        assertTrue(e.getMessage().startsWith(temp.toString()) && e.getMessage().contains("<category>/train/good")
                && e.getMessage().contains("photos"), e.getMessage());
    }

    @Test
    void unreadableFolder() throws Exception {
        Path grid = DatasetFixtures.smallGrid(temp);
        Path bent = grid.resolve("test/bent");
        Files.setPosixFilePermissions(bent, PosixFilePermissions.fromString("---------"));
        try {
            Assumptions.assumeFalse(Files.isReadable(bent),
                    "running as a user (root) for whom permissions are not enforced: chmod 000 leaves " + bent
                            + " readable, so the unreadable-folder case cannot be made here");
            DatasetContent content = open(temp);
            DataProblem problem = problemAt(content, bent);
            assertTrue(problem.message().contains("permission denied") && problem.message().contains("expected"),
                    problem.toString());
            assertEquals(3, content.samples("grid", Split.TEST).size(), "the other test folders are indexed");
        } finally {
            Files.setPosixFilePermissions(bent, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @Test
    void missingRoot() throws Exception {
        Path missing = temp.resolve("no-such-folder");
        DataException e = DatasetFixtures.failure("mvtec", Map.of("root", missing.toString()));
        assertTrue(e.getMessage().contains(missing.toString()) && e.getMessage().contains("does not exist; expected"),
                e.getMessage());
        DataException none = DatasetFixtures.failure("mvtec", Map.of());
        assertTrue(none.getMessage().contains("'root'") && none.getMessage().contains("missing"), none.getMessage());
    }

    private static void truncate(Path file) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(raf.length() / 2);
        }
    }
}

package org.dhad.negatives.segmentation.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

import org.dhad.api.data.DataException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Broken copies of CamVid frames: messages name the file or folder and what was expected. */
class BrokenSegmentationTest {

    @TempDir
    Path temp;

    private Path copyFrames(int n) throws Exception {
        Path shared = NegativeFixtures.shared("camvid_subset");
        Path data = temp.resolve("camvid");
        List<Path> masks;
        try (Stream<Path> files = Files.list(shared.resolve("trainannot"))) {
            masks = files.sorted().limit(n).toList();
        }
        for (Path mask : masks) {
            Files.createDirectories(data.resolve("train"));
            Files.createDirectories(data.resolve("trainannot"));
            Files.copy(shared.resolve("train").resolve(mask.getFileName()), data.resolve("train").resolve(mask.getFileName()),
                    StandardCopyOption.REPLACE_EXISTING);
            Files.copy(mask, data.resolve("trainannot").resolve(mask.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        }
        return data;
    }

    private Map<String, String> settings(Path root) {
        return Map.of("root", root.toString(), "cache-dir", temp.resolve("cache").toString());
    }

    @Test
    void missingRootAndUnknownLayout() throws Exception {
        Path missing = temp.resolve("nowhere");
        DataException e = NegativeFixtures.failure("segmentation", settings(missing));
        assertTrue(e.getMessage().contains(missing.toString()) && e.getMessage().contains("does not exist; expected"),
                e.getMessage());
        Path other = Files.createDirectories(temp.resolve("holiday/photos"));
        Files.writeString(other.resolve("notes.txt"), "no masks here");
        DataException unknown = NegativeFixtures.failure("segmentation", settings(temp.resolve("holiday")));
        assertTrue(unknown.getMessage().startsWith(temp.resolve("holiday").toString())
                && unknown.getMessage().contains("expected") && unknown.getMessage().contains("_seg.png"),
                unknown.getMessage());
        DataException none = NegativeFixtures.failure("segmentation", Map.of());
        assertTrue(none.getMessage().contains("'root'"), none.getMessage());
        DataException rect = NegativeFixtures.failure("rectangle", Map.of("root", missing.toString()));
        assertTrue(rect.getMessage().contains(missing.toString()), rect.getMessage());
    }

    @Test
    void damagedAndMismatchedMasksAreLeftOut() throws Exception {
        Path data = copyFrames(4);
        List<Path> masks;
        try (Stream<Path> files = Files.list(data.resolve("trainannot"))) {
            masks = files.sorted().toList();
        }
        ImageIO.write(new BufferedImage(240, 180, BufferedImage.TYPE_BYTE_GRAY), "png", masks.get(0).toFile());
        try (RandomAccessFile file = new RandomAccessFile(masks.get(1).toFile(), "rw")) {
            file.setLength(file.length() / 3);
        }
        Files.delete(data.resolve("train").resolve(masks.get(3).getFileName()));
        ShapeSampler sampler = (ShapeSampler) NegativeFixtures.open("segmentation", settings(data));
        assertEquals(1, sampler.files().size(), "only the intact pair is used: " + sampler.problems());
        String problems = String.join("\n", sampler.problems());
        assertTrue(problems.contains(masks.get(0) + " is 240x180; expected 480x360"), problems);
        assertTrue(problems.contains(masks.get(1).toString()) && problems.contains("expected a complete, readable image"),
                problems);
        assertTrue(problems.contains(masks.get(3) + ": no image with the stem"), problems);
    }

    @Test
    void nothingLargeEnough() throws Exception {
        Path data = copyFrames(2);
        DataException e = NegativeFixtures.failure("segmentation", Map.of("root", data.toString(), "cache-dir",
                temp.resolve("cache").toString(), "min-area", "1000000"));
        assertTrue(e.getMessage().contains(data.toString()) && e.getMessage().contains("at least 1000000 pixels"),
                e.getMessage());
        DataException bad = NegativeFixtures.failure("segmentation", Map.of("root", data.toString(), "cache-dir",
                temp.resolve("cache").toString(), "ignore-classes", "void"));
        assertTrue(bad.getMessage().contains("'ignore-classes'") && bad.getMessage().contains("'void'"), bad.getMessage());
    }
}

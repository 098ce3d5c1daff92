package org.dhad.negatives.segmentation.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shape index is cached: a second open decodes no mask; a changed file is decoded again, alone. */
class ShapeCacheTest {

    @TempDir
    Path temp;

    @Test
    void secondOpenReadsNoMaskAndAChangedFileIsReindexed() throws Exception {
        Path shared = NegativeFixtures.shared("camvid_subset");
        Path data = temp.resolve("camvid");
        List<Path> masks;
        try (Stream<Path> files = Files.list(shared.resolve("trainannot"))) {
            masks = files.sorted().limit(8).toList();
        }
        for (Path mask : masks) {
            copy(shared.resolve("train").resolve(mask.getFileName()), data.resolve("train").resolve(mask.getFileName()));
            copy(mask, data.resolve("trainannot").resolve(mask.getFileName()));
        }
        Map<String, String> settings = Map.of("root", data.toString(), "cache-dir", temp.resolve("cache").toString());
        ShapeSampler first = (ShapeSampler) NegativeFixtures.open("segmentation", settings);
        assertEquals(8, first.masksRead(), "first open decodes every mask");
        ShapeSampler second = (ShapeSampler) NegativeFixtures.open("segmentation", settings);
        assertEquals(0, second.masksRead(), "second open takes the index from the cache");
        assertEquals(first.files(), second.files(), "the cached index equals the computed one");
        try (Stream<Path> cacheFiles = Files.list(temp.resolve("cache"))) {
            assertEquals(1, cacheFiles.filter(p -> p.getFileName().toString().matches("shapes-[0-9a-f]{16}\\.json"))
                    .count(), "one cache file in the cache folder");
        }
        try (Stream<Path> dataFiles = Files.walk(data)) {
            assertEquals(19, dataFiles.count(), "nothing written into the dataset (root + 2 folders + 16 files)");
        }

        // Replace one mask by a frame of class 3 only: the index must follow.
        Path changed = data.resolve("trainannot").resolve(masks.get(2).getFileName());
        BufferedImage road = new BufferedImage(480, 360, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < 360; y++) {
            for (int x = 0; x < 480; x++) {
                road.getRaster().setSample(x, y, 0, 3);
            }
        }
        ImageIO.write(road, "png", changed.toFile());
        Files.setLastModifiedTime(changed, FileTime.fromMillis(Files.getLastModifiedTime(changed).toMillis() + 5000));
        ShapeSampler third = (ShapeSampler) NegativeFixtures.open("segmentation", settings);
        assertEquals(1, third.masksRead(), "only the changed mask is decoded again");
        IndexedFile entry = third.files().stream().filter(f -> f.mask().equals(changed)).findFirst().orElseThrow();
        assertEquals(1, entry.shapes().size(), "one class left in the changed mask");
        assertEquals(3, entry.shapes().get(0).label(), "class 3");
        assertEquals(480 * 360, entry.shapes().get(0).area(), "the whole frame");
        assertEquals(second.files().get(0), third.files().get(0), "unchanged files keep their entries");

        // Touching a file (same content, new time) also invalidates its entry.
        Path image = data.resolve("train").resolve(masks.get(5).getFileName());
        Files.setLastModifiedTime(image, FileTime.fromMillis(Files.getLastModifiedTime(image).toMillis() + 5000));
        assertEquals(1, ((ShapeSampler) NegativeFixtures.open("segmentation", settings)).masksRead(),
                "a newer image file re-indexes its pair");

        Files.delete(data.resolve("trainannot").resolve(masks.get(7).getFileName()));
        ShapeSampler fewer = (ShapeSampler) NegativeFixtures.open("segmentation", settings);
        assertEquals(0, fewer.masksRead(), "removing a pair decodes nothing");
        assertEquals(7, fewer.files().size(), "the removed pair is gone from the index");
    }

    @Test
    void sharedDataIsNeverWritten() throws Exception {
        Path shared = NegativeFixtures.shared("ade20k_samples");
        long before;
        try (Stream<Path> files = Files.walk(shared)) {
            before = files.count();
        }
        NegativeFixtures.open("segmentation", Map.of("root", shared.toString(), "cache-dir", temp.toString()));
        try (Stream<Path> files = Files.walk(shared)) {
            assertEquals(before, files.count(), "no cache file inside the shared dataset");
        }
        try (Stream<Path> files = Files.list(temp)) {
            assertTrue(files.anyMatch(p -> p.getFileName().toString().startsWith("shapes-")), "cache in cache-dir");
        }
    }

    private static void copy(Path from, Path to) throws Exception {
        Files.createDirectories(to.getParent());
        Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
}

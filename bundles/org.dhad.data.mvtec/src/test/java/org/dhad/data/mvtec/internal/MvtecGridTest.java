package org.dhad.data.mvtec.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import javax.imageio.ImageIO;

import org.dhad.api.data.DataException;
import org.dhad.api.data.DatasetContent;
import org.dhad.api.data.Mask;
import org.dhad.api.data.Sample;
import org.dhad.api.data.Split;
import org.junit.jupiter.api.Test;

/** The mvtec layout on the real MVTec AD grid sample in the shared data. */
class MvtecGridTest {

    @Test
    void servicesAreRegisteredWithTheirIds() throws Exception {
        for (String id : List.of("mvtec", "folder", "visa")) {
            assertEquals(id, DatasetFixtures.dataset(id).id(), "service " + id);
        }
    }

    @Test
    void countsMatchThePublishedSample() throws Exception {
        Path root = DatasetFixtures.shared().resolve("mvtec_ad");
        DatasetContent content = DatasetFixtures.open("mvtec", Map.of("root", root.toString()));
        assertEquals(List.of("grid"), content.categories(), "categories");
        assertEquals(List.of(), content.problems(), "the published sample is clean");
        List<Sample> train = content.samples("grid", Split.TRAIN);
        List<Sample> test = content.samples("grid", Split.TEST);
        assertEquals(25, train.size(), "train/good images");
        assertTrue(train.stream().allMatch(s -> s.defectType().equals(Sample.GOOD) && !s.anomalous()), "train is good");
        assertEquals(14, test.size(), "test images");
        assertEquals(3, test.stream().filter(s -> !s.anomalous()).count(), "good test images");
        assertEquals(11, test.stream().filter(Sample::anomalous).count(), "defective test images");
        Set<String> defects = new TreeSet<>();
        test.stream().filter(Sample::anomalous).forEach(s -> defects.add(s.defectType()));
        assertEquals(Set.of("bent", "broken", "glue", "metal_contamination", "thread"), defects, "defect types");
        assertEquals("000", train.get(0).name(), "name is the file stem, sorted");
        assertEquals(root.resolve("grid/train/good/000.png").toAbsolutePath().toString(), train.get(0).source(),
                "source is the absolute file path");
    }

    @Test
    void everyDefectiveSampleHasItsOwnBinaryMask() throws Exception {
        Path grid = DatasetFixtures.grid();
        DatasetContent content = DatasetFixtures.open("mvtec", Map.of("root", grid.getParent().toString()));
        int masks = 0;
        for (Sample sample : content.samples("grid", Split.TEST)) {
            FileSample file = (FileSample) sample;
            if (!sample.anomalous()) {
                assertTrue(sample.readMask().isEmpty(), "good test sample has no mask: " + sample);
                continue;
            }
            Path expected = grid.resolve("ground_truth").resolve(sample.defectType())
                    .resolve(sample.name() + "_mask.png").toAbsolutePath();
            assertEquals(List.of(expected), file.masks(), "mask matched by defect and stem: " + sample);
            Mask mask = sample.readMask().orElseThrow();
            assertEquals(1024, mask.width(), "mask width " + sample);
            assertEquals(1024, mask.height(), "mask height " + sample);
            // Count the anomalous pixels independently from the raw file.
            Raster raw = ImageIO.read(expected.toFile()).getRaster();
            int nonZero = 0;
            for (int y = 0; y < raw.getHeight(); y++) {
                for (int x = 0; x < raw.getWidth(); x++) {
                    nonZero += raw.getSample(x, y, 0) > 0 ? 1 : 0;
                }
            }
            assertTrue(nonZero > 0, "published mask has anomalous pixels: " + expected);
            assertEquals(nonZero, mask.count(), "binarised mask keeps every non-zero pixel: " + sample);
            for (byte p : mask.pixels()) {
                assertTrue(p == 0 || p == 1, "mask is binary: " + sample);
            }
            masks++;
        }
        assertEquals(11, masks, "ground-truth masks matched");
    }

    @Test
    void greyImagesBecomeRgbWithTheSameValues() throws Exception {
        Path grid = DatasetFixtures.grid();
        DatasetContent content = DatasetFixtures.open("mvtec", Map.of("root", grid.toString()));
        assertEquals(List.of("grid"), content.categories(), "a category folder as root is its own category");
        Sample sample = content.samples("grid", Split.TEST).get(0);
        BufferedImage image = sample.readImage();
        assertEquals(BufferedImage.TYPE_INT_RGB, image.getType(), "converted to TYPE_INT_RGB");
        assertEquals(1024, image.getWidth(), "width");
        assertEquals(1024, image.getHeight(), "height");
        BufferedImage grey = ImageIO.read(Path.of(sample.source()).toFile());
        assertEquals(BufferedImage.TYPE_BYTE_GRAY, grey.getType(), "the published file is 8-bit grey");
        int differentFromZero = 0;
        for (int y = 0; y < 1024; y += 7) {
            for (int x = 0; x < 1024; x += 5) {
                int v = grey.getRaster().getSample(x, y, 0);
                assertEquals(v << 16 | v << 8 | v, image.getRGB(x, y) & 0xFFFFFF, "grey copied to R, G, B at " + x + "," + y);
                differentFromZero += v != 0 ? 1 : 0;
            }
        }
        assertTrue(differentFromZero > 1000, "the image is not blank");
    }

    @Test
    void categoriesSettingSelectsAndRejects() throws Exception {
        Path root = DatasetFixtures.shared().resolve("mvtec_ad");
        DatasetContent content = DatasetFixtures.open("mvtec", Map.of("root", root.toString(), "categories", " grid "));
        assertEquals(List.of("grid"), content.categories(), "selected category");
        DataException e = DatasetFixtures.failure("mvtec", Map.of("root", root.toString(), "categories", "grid,carpet"));
        assertTrue(e.getMessage().contains("[carpet]") && e.getMessage().contains("grid"),
                "names the missing category and what exists: " + e.getMessage());
    }

    @Test
    void otherLayoutsDoNotClaimMvtec() throws Exception {
        Path root = DatasetFixtures.shared().resolve("mvtec_ad");
        DataException e = DatasetFixtures.failure("visa", Map.of("root", root.toString()));
        assertTrue(e.getMessage().contains("split_csv") && e.getMessage().contains("expected"),
                "visa names the split file it expected: " + e.getMessage());
        assertTrue(Files.isDirectory(root), "root untouched");
    }
}

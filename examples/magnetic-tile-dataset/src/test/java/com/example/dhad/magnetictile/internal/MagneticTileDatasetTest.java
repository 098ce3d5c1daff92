package com.example.dhad.magnetictile.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import org.dhad.api.Settings;
import org.dhad.api.data.DataException;
import org.dhad.api.data.DatasetContent;
import org.dhad.api.data.Mask;
import org.dhad.api.data.Sample;
import org.dhad.api.data.Split;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The layout, the split and the masks on a small generated Magnetic-Tile folder. */
class MagneticTileDatasetTest {

    private final MagneticTileDataset dataset = new MagneticTileDataset();

    @TempDir
    Path root;

    @Test
    void indexesGoodAndDefectiveTiles() throws Exception {
        for (int i = 0; i < 10; i++) {
            tile("MT_Free", "exp1_num_" + i, 0);
        }
        tile("MT_Crack", "exp2_num_1", 3);
        tile("MT_Crack", "exp2_num_2", 5);
        Path unmasked = root.resolve("MT_Blowhole/Imgs/exp3_num_1.jpg");
        Files.createDirectories(unmasked.getParent());
        ImageIO.write(new BufferedImage(16, 12, BufferedImage.TYPE_BYTE_GRAY), "jpg", unmasked.toFile());

        DatasetContent content = open(Map.of("root", root.toString()));

        assertEquals(List.of("magnetic-tile"), content.categories());
        List<Sample> train = content.samples("magnetic-tile", Split.TRAIN);
        List<Sample> test = content.samples("magnetic-tile", Split.TEST);
        // 10 good tiles at the default 0.2: tiles 2 and 7 (middles of the two halves) are held out.
        assertEquals(8, train.size());
        assertTrue(train.stream().noneMatch(Sample::anomalous));
        assertEquals(List.of("exp1_num_2", "exp1_num_7", "exp2_num_1", "exp2_num_2"),
                test.stream().map(Sample::name).toList());
        assertEquals(List.of("good", "good", "crack", "crack"), test.stream().map(Sample::defectType).toList());
        assertEquals(1, content.problems().size(), content.problems().toString());
        assertTrue(content.problems().get(0).message().contains("exp3_num_1.png"), content.problems().toString());

        Sample crack = test.get(3);
        Mask mask = crack.readMask().orElseThrow();
        assertEquals(16, mask.width());
        assertEquals(12, mask.height());
        assertEquals(5 * 5, mask.count());
        assertTrue(mask.get(2, 2) && !mask.get(5, 5));
        BufferedImage rgb = crack.readImage();
        assertEquals(BufferedImage.TYPE_INT_RGB, rgb.getType());
        int pixel = rgb.getRGB(10, 10);
        assertEquals(pixel >> 16 & 0xff, pixel & 0xff, "grey copied to every channel");
        assertFalse(test.get(0).readMask().isPresent(), "good tiles have no mask");
    }

    @Test
    void splitIsEvenAndKeepsTrainingImages() {
        GoodSplit split = GoodSplit.of(10, 0.2);
        assertEquals(2, split.testCount());
        assertTrue(split.isTest(2) && split.isTest(7));
        assertEquals(1, GoodSplit.of(2, 0.05).testCount(), "at least one test tile");
        assertEquals(2, GoodSplit.of(3, 0.95).testCount(), "at least one training tile");
        assertEquals(0, GoodSplit.of(1, 0.5).testCount());
    }

    @Test
    void missingRootAndMissingGoodTilesAreNamed() throws Exception {
        Path absent = root.resolve("nowhere");
        DataException noFolder = assertThrows(DataException.class, () -> open(Map.of("root", absent.toString())));
        assertTrue(noFolder.getMessage().contains(absent.toString()), noFolder.getMessage());

        tile("MT_Crack", "exp2_num_1", 3);
        DataException noGood = assertThrows(DataException.class, () -> open(Map.of("root", root.toString())));
        assertTrue(noGood.getMessage().contains("MT_Free/Imgs"), noGood.getMessage());

        DataException required = assertThrows(DataException.class, () -> open(Map.of()));
        assertTrue(required.getMessage().contains("root"), required.getMessage());
    }

    private DatasetContent open(Map<String, String> values) throws DataException {
        return dataset.open(new Settings(dataset.id(), dataset.settings(), values));
    }

    /** A 16x12 grey tile; with {@code defect > 0} a {@code defect x defect} mask in the top-left corner. */
    private void tile(String folder, String name, int defect) throws IOException {
        Path images = Files.createDirectories(root.resolve(folder).resolve("Imgs"));
        BufferedImage image = new BufferedImage(16, 12, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < 12; y++) {
            for (int x = 0; x < 16; x++) {
                image.getRaster().setSample(x, y, 0, 100 + x);
            }
        }
        ImageIO.write(image, "jpg", images.resolve(name + ".jpg").toFile());
        if (defect > 0) {
            BufferedImage mask = new BufferedImage(16, 12, BufferedImage.TYPE_BYTE_GRAY);
            for (int y = 0; y < defect; y++) {
                for (int x = 0; x < defect; x++) {
                    mask.getRaster().setSample(x, y, 0, 255);
                }
            }
            ImageIO.write(mask, "png", images.resolve(name + ".png").toFile());
        }
    }
}

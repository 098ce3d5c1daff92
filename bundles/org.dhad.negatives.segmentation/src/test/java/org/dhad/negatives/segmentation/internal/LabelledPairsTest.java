package org.dhad.negatives.segmentation.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import org.dhad.api.data.ClassLabels;
import org.dhad.api.data.DataException;
import org.dhad.api.data.LabelledImage;
import org.dhad.api.data.LabelledImages;
import org.dhad.api.data.NegativeSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The segmentation source opened for its class labels: the layout's reader, ignored classes, bad files named. */
class LabelledPairsTest {

    @TempDir
    Path temp;

    private static LabelledImages open(Map<String, String> values) throws Exception {
        NegativeSource source = NegativeFixtures.source("segmentation");
        assertTrue(source.providesClassLabels());
        return source.openLabelled(new Settings("segmentation", source.settings(), values));
    }

    @Test
    void camVidLabelsMatchTheMasksWithVoidIgnored() throws Exception {
        Path camvid = NegativeFixtures.shared("camvid_subset");
        LabelledImages images = open(Map.of("root", camvid.toString()));
        assertEquals(60, images.images().size(), images.description());
        assertTrue(images.description().contains("CamVid"), images.description());
        LabelledImage first = images.images().get(0);
        ClassLabels labels = first.readLabels();
        BufferedImage image = first.readImage();
        assertEquals(image.getWidth(), labels.width());
        int[][] decoded = NegativeFixtures.decode(Path.of(first.source()), false);
        int voids = 0;
        for (int i = 0; i < labels.labels().length; i++) {
            int expected = decoded[i / labels.width()][i % labels.width()];
            // CamVid's class 11 is void: the layout's default ignored class
            assertEquals(expected == 11 ? LabelledImages.IGNORED : expected, labels.labels()[i], "pixel " + i);
            voids += expected == 11 ? 1 : 0;
        }
        assertTrue(voids > 0, "the frame has void pixels, so the ignore mapping is exercised");
    }

    @Test
    void badLabelFilesAreNamed() throws Exception {
        Path images = Files.createDirectories(temp.resolve("pairs/images"));
        Path masks = Files.createDirectories(temp.resolve("pairs/masks"));
        ImageIO.write(new BufferedImage(8, 6, BufferedImage.TYPE_INT_RGB), "png", images.resolve("a.png").toFile());
        ImageIO.write(new BufferedImage(4, 4, BufferedImage.TYPE_BYTE_GRAY), "png", masks.resolve("a.png").toFile());
        Files.writeString(masks.resolve("b.png"), "not a png");
        ImageIO.write(new BufferedImage(8, 6, BufferedImage.TYPE_INT_RGB), "png", images.resolve("b.png").toFile());
        ImageIO.write(new BufferedImage(8, 6, BufferedImage.TYPE_BYTE_GRAY), "png", masks.resolve("c.png").toFile());
        LabelledImages pairs = open(Map.of("images", images.toString(), "masks", masks.toString()));
        List<LabelledImage> found = pairs.images();
        assertEquals(2, found.size(), "c.png has no image");
        assertTrue(pairs.problems().get(0).startsWith(masks.resolve("c.png") + ": no image with the stem 'c'"),
                pairs.problems().toString());
        IOException misSized = assertThrows(IOException.class, () -> found.get(0).readLabels());
        assertEquals(masks.resolve("a.png") + " is 4x4 but its image " + images.resolve("a.png") + " is 8x6; "
                + "expected a mask of the image's size", misSized.getMessage());
        IOException unreadable = assertThrows(IOException.class, () -> found.get(1).readLabels());
        assertTrue(unreadable.getMessage().contains(masks.resolve("b.png").toString()), unreadable.getMessage());

        Path lonely = Files.createDirectories(temp.resolve("lonely/masks"));
        ImageIO.write(new BufferedImage(8, 6, BufferedImage.TYPE_BYTE_GRAY), "png", lonely.resolve("x.png").toFile());
        DataException none = assertThrows(DataException.class, () -> open(Map.of("images",
                Files.createDirectories(temp.resolve("lonely/images")).toString(), "masks", lonely.toString())));
        assertTrue(none.getMessage().contains("has no image + mask pairs") && none.getMessage().contains("x.png"),
                none.getMessage());
    }
}

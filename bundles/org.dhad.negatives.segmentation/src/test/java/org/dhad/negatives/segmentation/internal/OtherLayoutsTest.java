package org.dhad.negatives.segmentation.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ADE20K scene-parsing, Pascal VOC palette masks and Cityscapes names, built in a temp folder. */
class OtherLayoutsTest {

    @TempDir
    Path temp;

    /** A 64x48 label map: left half class a, right half class b. */
    private static int[] halves(int a, int b) {
        int[] labels = new int[64 * 48];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = i % 64 < 32 ? a : b;
        }
        return labels;
    }

    private static void image(Path file, String format) throws Exception {
        Files.createDirectories(file.getParent());
        BufferedImage rgb = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 48; y++) {
            for (int x = 0; x < 64; x++) {
                rgb.setRGB(x, y, x * 4 << 16 | y * 5 << 8 | 128);
            }
        }
        ImageIO.write(rgb, format, file.toFile());
    }

    private static void greyMask(Path file, int[] labels) throws Exception {
        Files.createDirectories(file.getParent());
        BufferedImage mask = new BufferedImage(64, 48, BufferedImage.TYPE_BYTE_GRAY);
        mask.getRaster().setSamples(0, 0, 64, 48, 0, labels);
        ImageIO.write(mask, "png", file.toFile());
    }

    private ShapeSampler open(Map<String, String> values) throws Exception {
        Map<String, String> all = new TreeMap<>(values);
        all.put("cache-dir", temp.resolve("cache").toString());
        all.put("min-area", "100");
        return (ShapeSampler) NegativeFixtures.open("segmentation", all);
    }

    private static List<Integer> labels(ShapeSampler sampler) {
        return sampler.files().stream().flatMap(f -> f.shapes().stream()).map(Shape::label).sorted().toList();
    }

    @Test
    void ade20kSceneParsingIgnoresZero() throws Exception {
        Path root = temp.resolve("ADEChallengeData2016");
        image(root.resolve("images/training/ADE_train_1.jpg"), "jpeg");
        greyMask(root.resolve("annotations/training/ADE_train_1.png"), halves(0, 7));
        image(root.resolve("images/validation/ADE_val_1.jpg"), "jpeg");
        greyMask(root.resolve("annotations/validation/ADE_val_1.png"), halves(3, 150));
        ShapeSampler sampler = open(Map.of("root", root.toString()));
        assertEquals(List.of(3, 7, 150), labels(sampler), "class 0 (unlabeled) ignored, training and validation read");
        ShapeSampler forced = open(Map.of("root", root.toString(), "layout", "ade20k-challenge", "ignore-classes", "none"));
        assertEquals(List.of(0, 3, 7, 150), labels(forced), "ignore-classes=none keeps class 0");
    }

    @Test
    void vocPaletteIndicesWithVoidIgnored() throws Exception {
        Path root = temp.resolve("VOC2012");
        image(root.resolve("JPEGImages/2007_000032.jpg"), "jpeg");
        byte[] r = new byte[256];
        byte[] g = new byte[256];
        byte[] b = new byte[256];
        r[15] = (byte) 192; // person colour, so that a colour decoding would not give 15
        g[15] = (byte) 128;
        b[15] = (byte) 128;
        r[255] = (byte) 224;
        g[255] = (byte) 224;
        b[255] = (byte) 192;
        BufferedImage mask = new BufferedImage(64, 48, BufferedImage.TYPE_BYTE_INDEXED, new IndexColorModel(8, 256, r, g, b));
        mask.getRaster().setSamples(0, 0, 64, 48, 0, halves(15, 255));
        Files.createDirectories(root.resolve("SegmentationClass"));
        ImageIO.write(mask, "png", root.resolve("SegmentationClass/2007_000032.png").toFile());
        ShapeSampler sampler = open(Map.of("root", root.toString()));
        assertEquals(List.of(15), labels(sampler), "palette index 15 kept, 255 (void) ignored");
        assertEquals(32 * 48, sampler.files().get(0).shapes().get(0).area(), "area of the left half");
    }

    @Test
    void cityscapesNamesArePairedBySuffix() throws Exception {
        Path root = temp.resolve("cityscapes");
        image(root.resolve("leftImg8bit/train/aachen/aachen_000000_000019_leftImg8bit.png"), "png");
        greyMask(root.resolve("gtFine/train/aachen/aachen_000000_000019_gtFine_labelIds.png"), halves(1, 26));
        greyMask(root.resolve("gtFine/train/aachen/aachen_000000_000019_gtFine_instanceIds.png"), halves(9, 9));
        ShapeSampler sampler = open(Map.of("root", root.toString()));
        assertEquals(1, sampler.files().size(), "only the labelIds mask is used");
        assertEquals(List.of(26), labels(sampler), "car (26) kept, ego vehicle (1) ignored");
        assertTrue(sampler.draw(new java.util.SplittableRandom(1)).image().getRGB(0, 0) != 0, "image read");
    }
}

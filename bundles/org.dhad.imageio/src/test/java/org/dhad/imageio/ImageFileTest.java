package org.dhad.imageio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Dimension;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/** Pixels as stored, the one RGB rule, and failures that name the file and what was expected. */
class ImageFileTest {

    @TempDir
    Path temp;

    @Test
    void greyValuesAreCopiedToTheThreeChannels() throws IOException {
        Path file = write(grey(BufferedImage.TYPE_BYTE_GRAY, 10, 64, 128, 200), "png", "grey.png");
        assertEquals(1, ImageFile.read(file).getRaster().getNumBands(), "as stored");
        BufferedImage rgb = ImageFile.readRgb(file);
        assertEquals(BufferedImage.TYPE_INT_RGB, rgb.getType());
        assertArrayEquals(new int[] {0x0a0a0a, 0x404040, 0x808080, 0xc8c8c8}, rgbRow(rgb));
    }

    @Test
    void sixteenBitGreyKeepsItsTopByte() throws IOException {
        Path file = write(grey(BufferedImage.TYPE_USHORT_GRAY, 0x0aff, 0x4000, 0x8001, 0xc8c8), "png", "deep.png");
        assertArrayEquals(new int[] {0x0a0a0a, 0x404040, 0x808080, 0xc8c8c8}, rgbRow(ImageFile.readRgb(file)));
    }

    @Test
    void aRegionIsReadAlone() throws IOException {
        Path file = write(grey(BufferedImage.TYPE_BYTE_GRAY, 10, 64, 128, 200), "png", "grey.png");
        BufferedImage region = ImageFile.readRgb(file, new Rectangle(1, 0, 2, 1));
        assertArrayEquals(new int[] {0x404040, 0x808080}, rgbRow(region));
        assertEquals(new Dimension(4, 1), ImageFile.size(file));
        assertEquals(new Dimension(4, 1), ImageFile.checkedSize(file));
    }

    @Test
    void truncatedFilesAreNamed() throws IOException {
        BufferedImage picture = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
        for (int i = 0; i < 64 * 64; i++) {
            picture.setRGB(i % 64, i / 64, i * 40503); // varied colours: the scan data is long
        }
        Path png = truncate(write(picture, "png", "cut.png"));
        Path jpeg = truncate(write(picture, "jpeg", "cut.jpg"));
        assertNamed(png, "expected a complete PNG file", () -> ImageFile.checkedSize(png));
        assertNamed(jpeg, "expected a complete JPEG file", () -> ImageFile.checkedSize(jpeg));
        assertNamed(png, "expected a complete, readable image file", () -> ImageFile.read(png));
        assertNamed(jpeg, "expected a complete, readable image file", () -> ImageFile.readRgb(jpeg));
    }

    @Test
    void otherFilesAreNamed() throws IOException {
        Path text = Files.writeString(temp.resolve("notes.png"), "not an image");
        Path missing = temp.resolve("missing.png");
        assertNamed(text, "is not in a known image format", () -> ImageFile.read(text));
        assertNamed(missing, "does not exist or is not a file; expected an image file", () -> ImageFile.size(missing));
    }

    private static void assertNamed(Path file, String expected, Executable read) {
        IOException e = assertThrows(IOException.class, read, file.toString());
        assertTrue(e.getMessage().startsWith(file.toString()) && e.getMessage().contains(expected), e.getMessage());
    }

    private static BufferedImage grey(int type, int... values) {
        BufferedImage image = new BufferedImage(values.length, 1, type);
        image.getRaster().setSamples(0, 0, values.length, 1, 0, values);
        return image;
    }

    private static int[] rgbRow(BufferedImage image) {
        return Arrays.stream(image.getRGB(0, 0, image.getWidth(), 1, null, 0, image.getWidth()))
                .map(p -> p & 0xffffff).toArray();
    }

    private Path write(BufferedImage image, String format, String name) throws IOException {
        Path file = temp.resolve(name);
        assertTrue(ImageIO.write(image, format, file.toFile()), format);
        return file;
    }

    /** Cuts the end off, as an interrupted copy does: the header stays readable. */
    private static Path truncate(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        return Files.write(file, Arrays.copyOf(bytes, bytes.length - 100));
    }
}

package org.dhad.engine.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The map readers on tiny files written byte by byte here, and the bilinear resize. */
class MapFileReaderTest {

    private static final float[] VALUES = {-2.5f, 0f, 0.125f, 1e6f, 3.75f, -1e-3f};

    @TempDir
    Path dir;

    @Test
    void npyFloat32LittleEndian() throws IOException {
        Path file = write("a.npy", npy("<f4", false, "(2, 3)", VALUES, 4, ByteOrder.LITTLE_ENDIAN));
        FloatGrid grid = MapFileReader.read(file);
        assertEquals(3, grid.width(), "width is the last axis");
        assertEquals(2, grid.height(), "height is the first axis");
        assertArrayEquals(VALUES, grid.values(), "values in row-major order");
    }

    @Test
    void npyFloat64FortranOrderAndSingletonAxis() throws IOException {
        // Column-major storage of the same 2x3 array: column 0 (v0, v3), column 1 (v1, v4), column 2 (v2, v5).
        float[] columns = {VALUES[0], VALUES[3], VALUES[1], VALUES[4], VALUES[2], VALUES[5]};
        Path file = write("b.npy", npy("<f8", true, "(1, 2, 3)", columns, 8, ByteOrder.LITTLE_ENDIAN));
        assertArrayEquals(VALUES, MapFileReader.read(file).values(), "Fortran order read back as rows");
    }

    @Test
    void npyBigEndian() throws IOException {
        Path file = write("c.npy", npy(">f4", false, "(2, 3)", VALUES, 4, ByteOrder.BIG_ENDIAN));
        assertArrayEquals(VALUES, MapFileReader.read(file).values(), "big-endian float32");
    }

    @Test
    void npyProblemsNameTheFile() throws IOException {
        Path ints = write("ints.npy", npy("<i4", false, "(2, 3)", VALUES, 4, ByteOrder.LITTLE_ENDIAN));
        IOException e = assertThrows(IOException.class, () -> MapFileReader.read(ints));
        assertTrue(e.getMessage().contains(ints.toString()) && e.getMessage().contains("'<i4'"), e.getMessage());

        byte[] whole = npy("<f4", false, "(2, 3)", VALUES, 4, ByteOrder.LITTLE_ENDIAN);
        Path cut = write("cut.npy", java.util.Arrays.copyOf(whole, whole.length - 5));
        e = assertThrows(IOException.class, () -> MapFileReader.read(cut));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());

        Path cube = write("cube.npy", npy("<f4", false, "(2, 3, 1, 2)", new float[12], 4, ByteOrder.LITTLE_ENDIAN));
        e = assertThrows(IOException.class, () -> MapFileReader.read(cube));
        assertTrue(e.getMessage().contains("[2, 3, 1, 2]"), e.getMessage());

        Path text = write("text.npy", "not numpy".getBytes(StandardCharsets.US_ASCII));
        e = assertThrows(IOException.class, () -> MapFileReader.read(text));
        assertTrue(e.getMessage().contains("not a NumPy"), e.getMessage());
    }

    @Test
    void tiffFloat32WrittenByHand() throws IOException {
        Path file = write("a.tiff", tiff(3, 2, VALUES));
        FloatGrid grid = MapFileReader.read(file);
        assertEquals(3, grid.width(), "width");
        assertEquals(2, grid.height(), "height");
        assertArrayEquals(VALUES, grid.values(), "float32 samples as stored");
    }

    @Test
    void png16BitScaledAndEightBitRefused() throws IOException {
        BufferedImage image = new BufferedImage(2, 1, BufferedImage.TYPE_USHORT_GRAY);
        image.getRaster().setSample(0, 0, 0, 65535);
        image.getRaster().setSample(1, 0, 0, 13107);
        Path file = dir.resolve("a.png");
        ImageIO.write(image, "png", file.toFile());
        assertArrayEquals(new float[] {1f, 0.2f}, MapFileReader.read(file).values(), 1e-7f, "value / 65535");

        Path eight = dir.resolve("eight.png");
        ImageIO.write(new BufferedImage(2, 1, BufferedImage.TYPE_BYTE_GRAY), "png", eight.toFile());
        IOException e = assertThrows(IOException.class, () -> MapFileReader.read(eight));
        assertTrue(e.getMessage().contains(eight.toString()) && e.getMessage().contains("8-bit"), e.getMessage());
    }

    @Test
    void bilinearResizeMatchesPyTorch() {
        // torch.nn.functional.interpolate([[0,1],[2,3]], size=4, mode='bilinear', align_corners=False)
        float[] expected = {0f, 0.25f, 0.75f, 1f, 0.5f, 0.75f, 1.25f, 1.5f, 1.5f, 1.75f, 2.25f, 2.5f, 2f, 2.25f,
            2.75f, 3f};
        FloatGrid grid = new FloatGrid(2, 2, new float[] {0, 1, 2, 3}).resize(4, 4);
        assertArrayEquals(expected, grid.values(), 1e-6f, "upsampled 2x2 -> 4x4");
        // Downsampling by 2 averages each 2x2 block (sample points fall between pixels).
        FloatGrid down = new FloatGrid(4, 4, expected).resize(2, 2);
        assertArrayEquals(new float[] {0.375f, 1.125f, 1.875f, 2.625f}, down.values(), 1e-6f, "4x4 -> 2x2");
    }

    private Path write(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }

    /** A version 1.0 .npy file, header padded to 64 bytes as NumPy does. */
    static byte[] npy(String descr, boolean fortran, String shape, float[] values, int itemSize, ByteOrder order) {
        String dict = "{'descr': '" + descr + "', 'fortran_order': " + (fortran ? "True" : "False") + ", 'shape': "
                + shape + ", }";
        int total = 10 + dict.length() + 1;
        String header = dict + " ".repeat((64 - total % 64) % 64) + "\n";
        ByteBuffer out = ByteBuffer.allocate(10 + header.length() + values.length * itemSize);
        out.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
        out.order(ByteOrder.LITTLE_ENDIAN).putShort((short) header.length());
        out.put(header.getBytes(StandardCharsets.US_ASCII));
        out.order(order);
        for (float v : values) {
            if (itemSize == 8) {
                out.putDouble(v);
            } else {
                out.putFloat(v);
            }
        }
        return out.array();
    }

    /** A little-endian, uncompressed, one-strip, one-band float32 TIFF. */
    static byte[] tiff(int width, int height, float[] values) {
        int[][] entries = { // tag, type (3 SHORT, 4 LONG), value
            {256, 3, width}, {257, 3, height}, {258, 3, 32}, {259, 3, 1}, {262, 3, 1}, {273, 4, 0},
            {277, 3, 1}, {278, 3, height}, {279, 4, 4 * values.length}, {339, 3, 3}};
        int dataOffset = 8 + 2 + 12 * entries.length + 4;
        ByteBuffer out = ByteBuffer.allocate(dataOffset + 4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        out.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(8);
        out.putShort((short) entries.length);
        for (int[] e : entries) {
            out.putShort((short) e[0]).putShort((short) e[1]).putInt(1);
            int value = e[0] == 273 ? dataOffset : e[2];
            if (e[1] == 3) {
                out.putShort((short) value).putShort((short) 0);
            } else {
                out.putInt(value);
            }
        }
        out.putInt(0); // no further IFD
        for (float v : values) {
            out.putFloat(v);
        }
        return out.array();
    }
}

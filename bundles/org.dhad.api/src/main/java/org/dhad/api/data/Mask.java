package org.dhad.api.data;

import java.util.Arrays;

/**
 * A binary pixel mask, row-major, one byte per pixel holding 0 or 1.
 *
 * @param width  pixels per row
 * @param height rows
 * @param pixels {@code width*height} values, 0 or 1
 */
public record Mask(int width, int height, byte[] pixels) {

    public Mask {
        if (width <= 0 || height <= 0 || pixels.length != width * height) {
            throw new IllegalArgumentException(
                    "Mask of " + width + "x" + height + " needs " + width * height + " pixels, got " + pixels.length);
        }
    }

    /** An all-zero mask. */
    public static Mask empty(int width, int height) {
        return new Mask(width, height, new byte[width * height]);
    }

    public boolean get(int x, int y) {
        return pixels[y * width + x] != 0;
    }

    /** Number of set pixels. */
    public int count() {
        int n = 0;
        for (byte p : pixels) {
            n += p;
        }
        return n;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Mask m && m.width == width && m.height == height && Arrays.equals(m.pixels, pixels);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * width + height) + Arrays.hashCode(pixels);
    }

    @Override
    public String toString() {
        return "Mask[" + width + "x" + height + ", " + count() + " set]";
    }
}

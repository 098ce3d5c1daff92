package org.dhad.engine.internal;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import javax.imageio.ImageIO;

import org.dhad.api.data.Mask;

/**
 * Heat-map PNGs: the image with a colour-mapped score overlay (blue low, red high, half transparent)
 * and, where there is ground truth, its contour in white.
 */
final class HeatmapWriter {

    private static final double ALPHA = 0.5;

    private HeatmapWriter() {
    }

    /**
     * The score range a set of maps is drawn with: the 1st and 99.9th percentiles of (a subsample of)
     * their scores, so a few extreme pixels do not wash out the rest.
     */
    static float[] range(Iterable<float[]> maps) {
        int total = 0;
        for (float[] m : maps) {
            total += m.length;
        }
        int stride = Math.max(1, total / 2_000_000);
        float[] sample = new float[total / stride + 1];
        int n = 0;
        int k = 0;
        for (float[] m : maps) {
            for (float v : m) {
                if (k++ % stride == 0 && n < sample.length) {
                    sample[n++] = v;
                }
            }
        }
        if (n == 0) {
            return new float[] {0, 1};
        }
        Arrays.sort(sample, 0, n);
        float lo = sample[(int) (0.01 * (n - 1))];
        float hi = sample[(int) (0.999 * (n - 1))];
        return new float[] {lo, hi > lo ? hi : lo + 1};
    }

    /** Writes {@code file} (folders created) from an image of the scores' size. */
    static void write(Path file, BufferedImage image, float[] scores, float[] range, Mask truth) throws IOException {
        writePng(file, heatmap(image, scores, range, truth));
    }

    /** The heat map of an image of the scores' size, in memory. */
    static BufferedImage heatmap(BufferedImage image, float[] scores, float[] range, Mask truth) {
        int w = image.getWidth();
        int h = image.getHeight();
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                double t = Math.max(0, Math.min(1, (scores[i] - range[0]) / (range[1] - range[0])));
                int base = image.getRGB(x, y);
                int colour = colour(t);
                int rgb = blend(base, colour);
                if (truth != null && truth.get(x, y) && onEdge(truth, x, y)) {
                    rgb = 0xffffff;
                }
                out.setRGB(x, y, rgb);
            }
        }
        return out;
    }

    /** Writes {@code image} as a PNG to {@code file}, creating its folders. */
    static void writePng(Path file, BufferedImage image) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        if (!ImageIO.write(image, "png", file.toFile())) {
            throw new IOException("No PNG writer available for " + file);
        }
    }

    /**
     * The image with the pixels of {@code mask} tinted red and the mask's outline in solid red, so the defect stands
     * out on any part.
     */
    static BufferedImage overlay(BufferedImage image, Mask mask) {
        int w = image.getWidth();
        int h = image.getHeight();
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int rgb = image.getRGB(x, y) & 0xffffff;
                if (mask.get(x, y)) {
                    rgb = onEdge(mask, x, y) ? 0xff0000 : blend(rgb, 0xff0000);
                }
                out.setRGB(x, y, rgb);
            }
        }
        return out;
    }

    /** A blue-cyan-green-yellow-red ramp. */
    private static int colour(double t) {
        double r = Math.max(0, Math.min(1, 1.5 - Math.abs(4 * t - 3)));
        double g = Math.max(0, Math.min(1, 1.5 - Math.abs(4 * t - 2)));
        double b = Math.max(0, Math.min(1, 1.5 - Math.abs(4 * t - 1)));
        return ((int) (255 * r) << 16) | ((int) (255 * g) << 8) | (int) (255 * b);
    }

    private static int blend(int base, int colour) {
        int out = 0;
        for (int shift = 0; shift <= 16; shift += 8) {
            int a = (base >> shift) & 0xff;
            int c = (colour >> shift) & 0xff;
            out |= ((int) Math.round((1 - ALPHA) * a + ALPHA * c)) << shift;
        }
        return out;
    }

    private static boolean onEdge(Mask mask, int x, int y) {
        return x == 0 || y == 0 || x == mask.width() - 1 || y == mask.height() - 1 || !mask.get(x - 1, y)
                || !mask.get(x + 1, y) || !mask.get(x, y - 1) || !mask.get(x, y + 1);
    }
}

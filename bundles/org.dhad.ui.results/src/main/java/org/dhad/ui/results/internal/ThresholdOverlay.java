package org.dhad.ui.results.internal;

import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.PaletteData;

/**
 * Draws a scored image at one threshold: the input, every pixel whose score is at least the threshold tinted
 * red, and the ground-truth contour in green on top, so that a researcher sees at once what the threshold
 * catches and what it misses. Pure arithmetic on {@link ScoredPixels}; {@link #imageData} builds SWT's
 * device-independent pixels, which needs no display.
 */
final class ThresholdOverlay {

    /** Colour blended into pixels at or above the threshold. */
    static final int TINT = 0xFF0000;
    /** Share of {@link #TINT} in a tinted pixel. */
    static final double TINT_ALPHA = 0.6;
    /** Colour of the ground-truth contour. */
    static final int CONTOUR = 0x00FF00;

    private ThresholdOverlay() {
    }

    /** The picture as {@code 0xRRGGBB}, row-major. */
    static int[] render(ScoredPixels pixels, double threshold) {
        int w = pixels.width();
        int h = pixels.height();
        int[] out = new int[w * h];
        int[] rgb = pixels.rgb();
        float[] scores = pixels.scores();
        for (int i = 0; i < out.length; i++) {
            out[i] = scores[i] >= threshold ? tint(rgb[i]) : rgb[i];
        }
        boolean[] truth = pixels.truth();
        if (truth != null) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    if (truth[y * w + x] && onEdge(truth, w, h, x, y)) {
                        out[y * w + x] = CONTOUR;
                    }
                }
            }
        }
        return out;
    }

    /** A thumbnail at {@code t}: images smaller than {@code side} are enlarged by whole pixels, so each stays sharp. */
    static ImageData thumbnail(ScoredPixels pixels, double t, int side) {
        int zoom = Math.max(1, side / Math.max(pixels.width(), pixels.height()));
        return imageData(render(pixels, t), pixels.width(), pixels.height(), zoom);
    }

    /** Pixels whose score is at least {@code threshold}. */
    static int countAbove(ScoredPixels pixels, double threshold) {
        int n = 0;
        for (float s : pixels.scores()) {
            if (s >= threshold) {
                n++;
            }
        }
        return n;
    }

    /** {@code base} as drawn where the score reaches the threshold. */
    static int tint(int base) {
        return blend(base, TINT, TINT_ALPHA);
    }

    /** SWT pixels of {@code rgb} (w × h), scaled by a whole {@code zoom} with square pixels kept sharp. */
    static ImageData imageData(int[] rgb, int width, int height, int zoom) {
        int z = Math.max(1, zoom);
        ImageData data = new ImageData(width * z, height * z, 24, new PaletteData(0xFF0000, 0xFF00, 0xFF));
        int[] row = new int[width * z];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                java.util.Arrays.fill(row, x * z, x * z + z, rgb[y * width + x]);
            }
            for (int k = 0; k < z; k++) {
                data.setPixels(0, y * z + k, row.length, row, 0);
            }
        }
        return data;
    }

    /** A set pixel with a 4-neighbour unset or outside the image. */
    private static boolean onEdge(boolean[] mask, int w, int h, int x, int y) {
        return x == 0 || y == 0 || x == w - 1 || y == h - 1 || !mask[y * w + x - 1] || !mask[y * w + x + 1]
                || !mask[(y - 1) * w + x] || !mask[(y + 1) * w + x];
    }

    private static int blend(int base, int colour, double alpha) {
        int r = (int) Math.round(((base >> 16) & 0xFF) * (1 - alpha) + ((colour >> 16) & 0xFF) * alpha);
        int g = (int) Math.round(((base >> 8) & 0xFF) * (1 - alpha) + ((colour >> 8) & 0xFF) * alpha);
        int b = (int) Math.round((base & 0xFF) * (1 - alpha) + (colour & 0xFF) * alpha);
        return r << 16 | g << 8 | b;
    }
}

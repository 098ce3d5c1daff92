package org.dhad.ui.results.internal;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;

import javax.imageio.ImageIO;

import org.dhad.results.GalleryImage;
import org.dhad.results.ResultsException;

/**
 * One scored test image decoded into plain arrays at the size it is drawn: the input's RGB, the scores and the
 * ground truth, all row-major over the score map's grid. Decoding reads three PNGs and is done off the UI
 * thread; drawing a threshold from these arrays ({@link ThresholdOverlay}) needs no file and no display.
 *
 * @param width  columns
 * @param height rows
 * @param rgb    the input as {@code 0xRRGGBB}; a grey ramp of the scores when the run kept no input
 * @param scores scores in score units
 * @param truth  ground-truth mask, null for a defect-free image
 */
record ScoredPixels(int width, int height, int[] rgb, float[] scores, boolean[] truth) {

    ScoredPixels {
        if (rgb.length != width * height || scores.length != width * height
                || (truth != null && truth.length != width * height)) {
            throw new IllegalArgumentException("ScoredPixels of " + width + "x" + height + " with " + rgb.length
                    + " colours, " + scores.length + " scores and " + (truth == null ? 0 : truth.length)
                    + " mask values; expected " + width * height + " of each");
        }
    }

    /**
     * Reads {@code image}'s files and reduces them to at most {@code maxSide} pixels a side by whole-number
     * blocks: colours averaged, scores maximised (a one-pixel defect stays visible) and the mask set where any
     * pixel of the block is set.
     */
    static ScoredPixels decode(GalleryImage image, int maxSide) throws ResultsException {
        GalleryImage.ScoreGrid grid = image.readScores();
        int w = grid.width();
        int h = grid.height();
        boolean[] truth = image.readTruth();
        if (truth != null && truth.length != w * h) {
            throw new ResultsException(image.truth() + ": mask of " + truth.length + " pixels; expected the "
                    + w + "x" + h + " of " + image.scores());
        }
        int[] rgb = image.input() == null ? greyRamp(grid.values(), image.low(), image.high())
                : input(image.input(), w, h);
        int block = Math.max(1, (int) Math.ceil(Math.max(w, h) / (double) Math.max(1, maxSide)));
        ScoredPixels full = new ScoredPixels(w, h, rgb, grid.values(), truth);
        return block == 1 ? full : full.reduce(block);
    }

    private ScoredPixels reduce(int block) {
        int w = (width + block - 1) / block;
        int h = (height + block - 1) / block;
        int[] outRgb = new int[w * h];
        float[] outScores = new float[w * h];
        boolean[] outTruth = truth == null ? null : new boolean[w * h];
        for (int by = 0; by < h; by++) {
            for (int bx = 0; bx < w; bx++) {
                long r = 0;
                long g = 0;
                long b = 0;
                int n = 0;
                float max = Float.NEGATIVE_INFINITY;
                boolean any = false;
                for (int y = by * block; y < Math.min(height, (by + 1) * block); y++) {
                    for (int x = bx * block; x < Math.min(width, (bx + 1) * block); x++) {
                        int i = y * width + x;
                        r += (rgb[i] >> 16) & 0xFF;
                        g += (rgb[i] >> 8) & 0xFF;
                        b += rgb[i] & 0xFF;
                        n++;
                        max = Math.max(max, scores[i]);
                        any |= truth != null && truth[i];
                    }
                }
                int o = by * w + bx;
                outRgb[o] = (int) (r / n) << 16 | (int) (g / n) << 8 | (int) (b / n);
                outScores[o] = max;
                if (outTruth != null) {
                    outTruth[o] = any;
                }
            }
        }
        return new ScoredPixels(w, h, outRgb, outScores, outTruth);
    }

    /** The input PNG sampled onto the score grid (the engine writes both at network size). */
    private static int[] input(Path file, int w, int h) throws ResultsException {
        BufferedImage image;
        try {
            image = ImageIO.read(file.toFile());
        } catch (IOException e) {
            throw new ResultsException(file, "cannot be read: " + e.getMessage(), e);
        }
        if (image == null) {
            throw new ResultsException(file + ": not a PNG image; expected the input image of the gallery");
        }
        int[] rgb = new int[w * h];
        if (image.getWidth() == w && image.getHeight() == h) {
            image.getRGB(0, 0, w, h, rgb, 0, w);
        } else {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    rgb[y * w + x] = image.getRGB(x * image.getWidth() / w, y * image.getHeight() / h);
                }
            }
        }
        for (int i = 0; i < rgb.length; i++) {
            rgb[i] &= 0xFFFFFF;
        }
        return rgb;
    }

    private static int[] greyRamp(float[] scores, double low, double high) {
        int[] rgb = new int[scores.length];
        double span = high > low ? high - low : 1;
        for (int i = 0; i < scores.length; i++) {
            int v = (int) Math.round(255 * Math.max(0, Math.min(1, (scores[i] - low) / span)));
            rgb[i] = v << 16 | v << 8 | v;
        }
        return rgb;
    }

    /** Approximate heap size, for the decode cache's bound. */
    long bytes() {
        return (long) width * height * (truth == null ? 8 : 9);
    }
}

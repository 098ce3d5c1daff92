package org.dhad.results;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.imageio.ImageIO;

/**
 * One scored test image of a run.
 *
 * @param id       {@code <category>/<defect>/<name>}
 * @param category dataset category
 * @param defect   defect type, {@value Gallery#GOOD} for defect-free images
 * @param overlay  the heat map drawn over the image, with the ground-truth contour
 * @param input    the image at the network's input size (null in folders written before inputs were kept)
 * @param scores   the scores as a 16-bit grey PNG: 0 is {@code low}, 65535 is {@code high}
 * @param truth    the ground-truth mask (white = anomalous), null for defect-free images
 * @param low      score at grey 0: the category's 1st percentile
 * @param high     score at grey 65535: the category's 99.9th percentile
 * @param maxScore the image's highest score (its image-level score), before clipping to the range
 */
public record GalleryImage(String id, String category, String defect, Path overlay, Path input, Path scores,
        Path truth, double low, double high, double maxScore) {

    private static final int LEVELS = 65535;

    /** A score map as floats, row-major. */
    public record ScoreGrid(int width, int height, float[] values) {
    }

    /** The scores, clipped to {@code [low, high]} with a resolution of (high - low) / 65535. */
    public ScoreGrid readScores() throws ResultsException {
        Raster raster = readImage(scores).getRaster();
        int w = raster.getWidth();
        int h = raster.getHeight();
        float[] values = new float[w * h];
        double step = (high - low) / LEVELS;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                values[y * w + x] = (float) (low + step * raster.getSample(x, y, 0));
            }
        }
        return new ScoreGrid(w, h, values);
    }

    /** The ground truth as a row-major mask, or null for a defect-free image. */
    public boolean[] readTruth() throws ResultsException {
        if (truth == null) {
            return null;
        }
        Raster raster = readImage(truth).getRaster();
        boolean[] mask = new boolean[raster.getWidth() * raster.getHeight()];
        for (int y = 0; y < raster.getHeight(); y++) {
            for (int x = 0; x < raster.getWidth(); x++) {
                mask[y * raster.getWidth() + x] = raster.getSample(x, y, 0) != 0;
            }
        }
        return mask;
    }

    /** Writes {@code values} (w × h, row-major) as the 16-bit PNG {@link #readScores()} reads. */
    public static void writeScores(Path file, float[] values, int width, int height, double low, double high)
            throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_USHORT_GRAY);
        WritableRaster raster = image.getRaster();
        double span = high > low ? high - low : 1;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                double t = (values[y * width + x] - low) / span;
                raster.setSample(x, y, 0, (int) Math.round(LEVELS * Math.max(0, Math.min(1, t))));
            }
        }
        writePng(file, image);
    }

    /** Writes a mask (row-major) as a black and white PNG. */
    public static void writeTruth(Path file, boolean[] mask, int width, int height) throws IOException {
        writePng(file, maskImage(mask, width, height));
    }

    /** A mask (row-major) as the black and white image {@link #writeTruth} writes. */
    public static BufferedImage maskImage(boolean[] mask, int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        WritableRaster raster = image.getRaster();
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                raster.setSample(x, y, 0, mask[y * width + x] ? 255 : 0);
            }
        }
        return image;
    }

    /** Writes the input image as the network saw it (RGB PNG). */
    public static void writeInput(Path file, BufferedImage image) throws IOException {
        writePng(file, image);
    }

    private static void writePng(Path file, BufferedImage image) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        if (!ImageIO.write(image, "png", file.toFile())) {
            throw new IOException("No PNG writer available for " + file);
        }
    }

    private static BufferedImage readImage(Path file) throws ResultsException {
        try {
            BufferedImage image = ImageIO.read(file.toFile());
            if (image == null) {
                throw new ResultsException(file + ": not a PNG image");
            }
            return image;
        } catch (IOException e) {
            throw new ResultsException(file, "cannot be read: " + e.getMessage(), e);
        }
    }
}

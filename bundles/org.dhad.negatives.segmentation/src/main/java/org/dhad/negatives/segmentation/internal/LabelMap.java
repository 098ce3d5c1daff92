package org.dhad.negatives.segmentation.internal;

import java.awt.Dimension;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBufferInt;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Reads whole images or rectangles of them (only the region is converted), as RGB pixels or as class
 * labels. Failures are {@link IOException}s whose message names the file and what was expected.
 */
final class RegionImages {

    /** Class labels of a region, row-major. */
    record LabelMap(int width, int height, int[] labels) {
    }

    private RegionImages() {
    }

    /** Width and height from the header, without decoding pixels. */
    static Dimension size(Path file) throws IOException {
        ImageReader reader = open(file);
        try {
            return new Dimension(reader.getWidth(0), reader.getHeight(0));
        } catch (IOException | RuntimeException e) {
            throw failure(file, e);
        } finally {
            close(reader);
        }
    }

    /** Decodes {@code region} of the file (the whole image when {@code null}). */
    static BufferedImage read(Path file, Rectangle region) throws IOException {
        ImageReader reader = open(file);
        List<String> warnings = new ArrayList<>();
        // The JPEG reader only warns about a premature end; a truncated file must not yield grey pixels.
        reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
        try {
            ImageReadParam param = reader.getDefaultReadParam();
            if (region != null) {
                param.setSourceRegion(region);
            }
            BufferedImage image = reader.read(0, param);
            if (!warnings.isEmpty()) {
                throw new IOException(String.join("; ", warnings));
            }
            return image;
        } catch (IOException | RuntimeException e) {
            throw failure(file, e);
        } finally {
            close(reader);
        }
    }

    /** The region as TYPE_INT_RGB; grey values are copied to the three channels. */
    static BufferedImage readRgb(Path file, Rectangle region) throws IOException {
        BufferedImage image = read(file, region);
        if (image.getType() == BufferedImage.TYPE_INT_RGB) {
            return image;
        }
        int w = image.getWidth();
        int h = image.getHeight();
        BufferedImage rgb = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Raster raster = image.getRaster();
        int bands = raster.getNumBands();
        if (!(image.getColorModel() instanceof ComponentColorModel) || raster.getSampleModel().getSampleSize(0) != 8
                || (bands != 1 && bands != 3)) {
            Graphics2D g = rgb.createGraphics();
            g.drawImage(image, 0, 0, null);
            g.dispose();
            return rgb;
        }
        int[] out = ((DataBufferInt) rgb.getRaster().getDataBuffer()).getData();
        int[] row = new int[w * bands];
        for (int y = 0; y < h; y++) {
            raster.getPixels(0, y, w, 1, row);
            for (int x = 0; x < w; x++) {
                int p = x * bands;
                out[y * w + x] = bands == 1 ? row[x] * 0x010101 : row[p] << 16 | row[p + 1] << 8 | row[p + 2];
            }
        }
        return rgb;
    }

    /**
     * Class labels of the region, row-major. One-band masks (grey or palette) give the stored index;
     * ADE20K full-release masks give {@code R/10*256 + G}; other colour masks give the packed RGB colour.
     */
    static LabelMap labels(Path file, Rectangle region, boolean adeFull) throws IOException {
        Raster raster = read(file, region).getRaster();
        int w = raster.getWidth();
        int h = raster.getHeight();
        int[] labels = new int[w * h];
        if (raster.getNumBands() == 1) {
            raster.getSamples(0, 0, w, h, 0, labels);
            return new LabelMap(w, h, labels);
        }
        if (raster.getNumBands() < 3) {
            throw new IOException(file + " has " + raster.getNumBands() + " bands; expected a one-band index mask "
                    + "or a three-band colour mask");
        }
        int[] r = raster.getSamples(0, 0, w, h, 0, (int[]) null);
        int[] g = raster.getSamples(0, 0, w, h, 1, (int[]) null);
        int[] b = adeFull ? null : raster.getSamples(0, 0, w, h, 2, (int[]) null);
        for (int i = 0; i < labels.length; i++) {
            labels[i] = adeFull ? r[i] / 10 * 256 + g[i] : r[i] << 16 | g[i] << 8 | b[i];
        }
        return new LabelMap(w, h, labels);
    }

    private static ImageReader open(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + " does not exist or is not a file; expected an image file");
        }
        ImageInputStream stream;
        try {
            stream = ImageIO.createImageInputStream(file.toFile());
        } catch (IOException e) {
            throw failure(file, e);
        }
        if (stream == null) {
            throw new IOException(file + " cannot be opened for reading; expected a readable image file");
        }
        Iterator<ImageReader> readers = ImageIO.getImageReaders(stream);
        if (!readers.hasNext()) {
            stream.close();
            throw new IOException(file + " is not in a known image format; expected a PNG, JPEG, BMP or TIFF image");
        }
        ImageReader reader = readers.next();
        reader.setInput(stream, true, true);
        return reader;
    }

    private static void close(ImageReader reader) {
        Object input = reader.getInput();
        reader.dispose();
        if (input instanceof ImageInputStream stream) {
            try {
                stream.close();
            } catch (IOException e) {
                // read-only stream: nothing is lost when closing fails
            }
        }
    }

    private static IOException failure(Path file, Throwable cause) {
        if (cause instanceof IOException io && io.getMessage() != null && io.getMessage().startsWith(file.toString())) {
            return io;
        }
        return new IOException(file + " cannot be decoded (" + cause.getClass().getSimpleName() + ": "
                + cause.getMessage() + "); expected a complete, readable image file", cause);
    }
}

package org.dhad.engine.internal;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

import org.dhad.imageio.ImageFile;

/**
 * Reads one anomaly map file into a {@link FloatGrid}: 32-bit float TIFF (the JDK's ImageIO TIFF plugin
 * reads float samples), 16-bit grey PNG (divided by 65535) or NumPy {@code .npy}.
 */
final class MapFileReader {

    /** File extensions of maps, lower case. */
    static final Set<String> EXTENSIONS = Set.of("tif", "tiff", "png", "npy");

    private MapFileReader() {
    }

    /** The lower-case extension of {@code file}, or an empty string. */
    static String extension(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(dot + 1).toLowerCase(Locale.ROOT) : "";
    }

    /** The file name without its extension. */
    static String stem(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    /**
     * Reads the map.
     *
     * @throws IOException naming the file and what was expected when it cannot be read as a map
     */
    static FloatGrid read(Path file) throws IOException {
        return switch (extension(file)) {
            case "npy" -> NpyReader.read(file);
            case "tif", "tiff" -> readTiff(file);
            case "png" -> readPng(file);
            default -> throw new IOException(file + " is not a map file; expected .tif/.tiff, .png or .npy");
        };
    }

    private static FloatGrid readTiff(Path file) throws IOException {
        Raster raster = singleBand(file, "TIFF").getRaster();
        float[] values = raster.getSamples(0, 0, raster.getWidth(), raster.getHeight(), 0, (float[]) null);
        return new FloatGrid(raster.getWidth(), raster.getHeight(), values);
    }

    private static FloatGrid readPng(Path file) throws IOException {
        BufferedImage image = singleBand(file, "PNG");
        int bits = image.getSampleModel().getSampleSize(0);
        if (bits != 16) {
            throw new IOException(file + " is a " + bits + "-bit PNG; expected 16-bit grey (values 0..65535, "
                    + "read as value/65535)");
        }
        Raster raster = image.getRaster();
        int[] samples = raster.getSamples(0, 0, raster.getWidth(), raster.getHeight(), 0, (int[]) null);
        float[] values = new float[samples.length];
        for (int i = 0; i < samples.length; i++) {
            values[i] = samples[i] / 65535f;
        }
        return new FloatGrid(raster.getWidth(), raster.getHeight(), values);
    }

    private static BufferedImage singleBand(Path file, String format) throws IOException {
        BufferedImage image = ImageFile.read(file);
        int bands = image.getRaster().getNumBands();
        if (bands != 1) {
            throw new IOException(file + " has " + bands + " channels; expected one (a grey " + format
                    + " of anomaly scores)");
        }
        return image;
    }
}

package com.example.dhad.magnetictile.internal;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.imageio.ImageIO;

import org.dhad.api.data.Mask;

/** Decoding of tiles and masks; every failure names the file and what was expected. */
final class TilePixels {

    private TilePixels() {
    }

    static BufferedImage read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + " does not exist or is not a file; expected an image file");
        }
        BufferedImage image;
        try {
            image = ImageIO.read(file.toFile());
        } catch (IOException | RuntimeException e) {
            throw new IOException(file + " cannot be decoded (" + e.getMessage() + "); expected a JPEG or PNG image", e);
        }
        if (image == null) {
            throw new IOException(file + " is not in a known image format; expected a JPEG or PNG image");
        }
        return image;
    }

    /**
     * The image as {@link BufferedImage#TYPE_INT_RGB}. Magnetic-Tile JPEGs are greyscale: their values are
     * copied to all three channels, because drawing a grey image would apply a gamma conversion.
     */
    static BufferedImage toRgb(BufferedImage image) {
        if (image.getType() == BufferedImage.TYPE_INT_RGB) {
            return image;
        }
        int w = image.getWidth();
        int h = image.getHeight();
        BufferedImage rgb = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        if (image.getType() == BufferedImage.TYPE_BYTE_GRAY) {
            Raster raster = image.getRaster();
            int[] row = new int[w];
            for (int y = 0; y < h; y++) {
                raster.getSamples(0, y, w, 1, 0, row);
                for (int x = 0; x < w; x++) {
                    int v = row[x];
                    rgb.setRGB(x, y, v << 16 | v << 8 | v);
                }
            }
            return rgb;
        }
        Graphics2D g = rgb.createGraphics();
        g.drawImage(image, 0, 0, null);
        g.dispose();
        return rgb;
    }

    /** Pixels whose first band is above zero are set. */
    static Mask binary(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        Raster raster = image.getRaster();
        byte[] pixels = new byte[w * h];
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            raster.getSamples(0, y, w, 1, 0, row);
            for (int x = 0; x < w; x++) {
                pixels[y * w + x] = (byte) (row[x] > 0 ? 1 : 0);
            }
        }
        return new Mask(w, h, pixels);
    }
}

package org.dhad.engine.internal;

import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.nio.file.Path;

import javax.imageio.ImageIO;

/** Writes test maps with the JDK's ImageIO writers, as other tools would produce them. */
final class MapImages {

    private MapImages() {
    }

    /** A one-band 32-bit float TIFF. */
    static void writeFloatTiff(Path file, int width, int height, float[] values) throws IOException {
        ComponentColorModel model = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_GRAY), false, false,
                Transparency.OPAQUE, DataBuffer.TYPE_FLOAT);
        WritableRaster raster = model.createCompatibleWritableRaster(width, height);
        raster.setSamples(0, 0, width, height, 0, values);
        if (!ImageIO.write(new BufferedImage(model, raster, false, null), "tiff", file.toFile())) {
            throw new IOException("no ImageIO TIFF writer for " + file);
        }
    }

    /** A 16-bit grey PNG of {@code round(value * 65535)}. */
    static void write16BitPng(Path file, int width, int height, float[] values) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_USHORT_GRAY);
        for (int i = 0; i < values.length; i++) {
            image.getRaster().setSample(i % width, i / width, 0, Math.round(values[i] * 65535));
        }
        ImageIO.write(image, "png", file.toFile());
    }
}

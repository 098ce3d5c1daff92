package org.dhad.negatives.segmentation.internal;

import java.awt.Rectangle;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Path;

import org.dhad.imageio.ImageFile;

/** Class labels of a mask region, row-major. */
record LabelMap(int width, int height, int[] labels) {

    /**
     * Reads the labels of {@code region} (the whole mask when {@code null}). One-band masks (grey or palette)
     * give the stored index; ADE20K full-release masks give {@code R/10*256 + G}; other colour masks give the
     * packed RGB colour.
     */
    static LabelMap read(Path file, Rectangle region, boolean adeFull) throws IOException {
        Raster raster = ImageFile.read(file, region).getRaster();
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

    /** The labels of {@code box}, which lies inside this map. */
    LabelMap crop(Rectangle box) {
        int[] out = new int[box.width * box.height];
        for (int y = 0; y < box.height; y++) {
            System.arraycopy(labels, (box.y + y) * width + box.x, out, y * box.width, box.width);
        }
        return new LabelMap(box.width, box.height, out);
    }
}

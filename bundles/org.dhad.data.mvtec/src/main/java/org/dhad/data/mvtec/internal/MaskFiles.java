package org.dhad.data.mvtec.internal;

import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.dhad.api.data.Mask;
import org.dhad.imageio.ImageFile;

/** Ground-truth masks: one or more files (LOCO splits a defect over several) read as one binary mask. */
final class MaskFiles {

    private MaskFiles() {
    }

    /** The union of the masks, binarised (any value above 0 is anomalous). */
    static Mask readMask(List<Path> files) throws IOException {
        Mask union = null;
        for (Path file : files) {
            Raster raster = ImageFile.read(file).getRaster();
            int w = raster.getWidth();
            int h = raster.getHeight();
            if (union == null) {
                union = Mask.empty(w, h);
            } else if (union.width() != w || union.height() != h) {
                throw new IOException(file + " is " + w + "x" + h + "; expected " + union.width() + "x"
                        + union.height() + " like " + files.get(0));
            }
            int bands = Math.min(3, raster.getNumBands());
            byte[] out = union.pixels();
            int[] row = new int[w];
            for (int b = 0; b < bands; b++) {
                for (int y = 0; y < h; y++) {
                    raster.getSamples(0, y, w, 1, b, row);
                    for (int x = 0; x < w; x++) {
                        if (row[x] > 0) {
                            out[y * w + x] = 1;
                        }
                    }
                }
            }
        }
        if (union == null) {
            throw new IOException("No mask file given; expected at least one");
        }
        return union;
    }
}

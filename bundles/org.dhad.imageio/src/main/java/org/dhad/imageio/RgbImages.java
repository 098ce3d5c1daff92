package org.dhad.imageio;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBufferInt;
import java.awt.image.Raster;
import java.nio.ByteBuffer;

/** Conversion of decoded images to {@link BufferedImage#TYPE_INT_RGB}, the pixels every network input starts from. */
public final class RgbImages {

    private RgbImages() {
    }

    /**
     * The image as TYPE_INT_RGB. Grey, RGB and RGBA images of 8 or 16 bits keep their stored values (the
     * top 8 bits; grey copied to all three channels, alpha ignored); palette and other images are drawn.
     */
    public static BufferedImage toRgb(BufferedImage image) {
        if (image.getType() == BufferedImage.TYPE_INT_RGB) {
            return image;
        }
        int w = image.getWidth();
        int h = image.getHeight();
        Raster raster = image.getRaster();
        int bands = raster.getNumBands();
        boolean plain = image.getColorModel() instanceof ComponentColorModel;
        int bits = raster.getSampleModel().getSampleSize(0);
        BufferedImage rgb = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        if (!plain || (bands != 1 && bands != 3 && bands != 4) || (bits != 8 && bits != 16)) {
            Graphics2D g = rgb.createGraphics();
            g.drawImage(image, 0, 0, null);
            g.dispose();
            return rgb;
        }
        // Drawing a linear-grey image would apply a gamma curve; copying keeps the stored values.
        int shift = bits - 8;
        int[] out = ((DataBufferInt) rgb.getRaster().getDataBuffer()).getData();
        int[] row = new int[w * bands];
        for (int y = 0; y < h; y++) {
            raster.getPixels(0, y, w, 1, row);
            int o = y * w;
            for (int x = 0; x < w; x++) {
                if (bands == 1) {
                    int v = row[x] >> shift;
                    out[o + x] = v << 16 | v << 8 | v;
                } else {
                    int p = x * bands;
                    out[o + x] = (row[p] >> shift) << 16 | (row[p + 1] >> shift) << 8 | (row[p + 2] >> shift);
                }
            }
        }
        return rgb;
    }

    /** Bytes {@link #put} takes for an image of {@code width x height}: four per pixel. */
    public static int bytes(int width, int height) {
        return 4 * width * height;
    }

    /**
     * Appends the pixels of an image ({@link BufferedImage#getRGB}) to {@code out} as ints, row by row. Four bytes
     * rather than three: {@link #get} then is one bulk copy, fast from a new process's first call on, which is
     * when a disk tier is read.
     */
    public static void put(BufferedImage image, ByteBuffer out) {
        int width = image.getWidth();
        int height = image.getHeight();
        int[] pixels;
        if (image.getType() == BufferedImage.TYPE_INT_RGB && image.getRaster().getParent() == null
                && image.getRaster().getDataBuffer() instanceof DataBufferInt data
                && data.getNumBanks() == 1 && data.getOffset() == 0 && data.getData().length == width * height) {
            pixels = data.getData(); // a whole image of its own: its buffer is the pixels, row by row
        } else {
            pixels = image.getRGB(0, 0, width, height, null, 0, width);
        }
        out.asIntBuffer().put(pixels);
        out.position(out.position() + 4 * pixels.length);
    }

    /** A TYPE_INT_RGB image of {@code width x height} from the ints {@link #put} wrote. */
    public static BufferedImage get(ByteBuffer in, int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        int[] pixels = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
        in.asIntBuffer().get(pixels);
        in.position(in.position() + 4 * pixels.length);
        return image;
    }
}

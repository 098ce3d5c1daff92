package org.dhad.data.synthetic.internal;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;

/**
 * A square defect-free render: packed RGB pixels, the pixels a defect may touch (the object, or the whole
 * texture) and, for objects, the background that shows where part of the object is missing.
 */
final class Canvas {

    final int size;
    final int[] rgb;
    final boolean[] region;
    /** The render without the object; {@code null} for textures, which have no background. */
    final int[] background;

    Canvas(int size, int[] rgb, boolean[] region, int[] background) {
        this.size = size;
        this.rgb = rgb;
        this.region = region;
        this.background = background;
    }

    /** A texture canvas: every pixel may carry a defect. */
    static Canvas texture(int size, int[] rgb) {
        boolean[] all = new boolean[size * size];
        java.util.Arrays.fill(all, true);
        return new Canvas(size, rgb, all, null);
    }

    /** Packs clamped 0-255 channels. */
    static int rgb(double r, double g, double b) {
        return clamp(r) << 16 | clamp(g) << 8 | clamp(b);
    }

    static int clamp(double v) {
        return v <= 0 ? 0 : v >= 255 ? 255 : (int) (v + 0.5);
    }

    static int red(int rgb) {
        return rgb >> 16 & 0xFF;
    }

    static int green(int rgb) {
        return rgb >> 8 & 0xFF;
    }

    static int blue(int rgb) {
        return rgb & 0xFF;
    }

    static double luminance(int rgb) {
        return 0.299 * red(rgb) + 0.587 * green(rgb) + 0.114 * blue(rgb);
    }

    /** {@code a} moved towards {@code b} by {@code t} in {@code [0, 1]}. */
    static int mix(int a, int b, double t) {
        return rgb(red(a) + (red(b) - red(a)) * t, green(a) + (green(b) - green(a)) * t,
                blue(a) + (blue(b) - blue(a)) * t);
    }

    /** Mean colour of this canvas under {@code mask}; mid grey when the mask is empty. */
    static int mean(Canvas canvas, boolean[] mask) {
        long r = 0;
        long g = 0;
        long b = 0;
        long n = 0;
        for (int i = 0; i < mask.length; i++) {
            if (mask[i]) {
                r += red(canvas.rgb[i]);
                g += green(canvas.rgb[i]);
                b += blue(canvas.rgb[i]);
                n++;
            }
        }
        return n == 0 ? rgb(128, 128, 128) : rgb((double) r / n, (double) g / n, (double) b / n);
    }

    /** A {@code TYPE_INT_RGB} image holding a copy of {@code pixels}. */
    static BufferedImage image(int size, int[] pixels) {
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        int[] data = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
        System.arraycopy(pixels, 0, data, 0, pixels.length);
        return image;
    }
}

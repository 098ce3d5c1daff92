package org.dhad.negatives.synthetic.internal;

import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.util.random.RandomGenerator;

import org.dhad.api.data.Mask;
import org.dhad.api.data.NegativePatch;
import org.dhad.api.data.NegativeSampler;

/**
 * Draws a shape family and a fill, a patch size in {@code [min, max]} (log-uniform side, aspect up to about
 * 1.6) and an exposure, fits the outline to the patch and rasterises it at pixel centres. Holds no mutable
 * state: every random choice comes from the caller's generator.
 */
final class ShapeSampler implements NegativeSampler {

    private static final ShapeFamily[] FAMILIES = ShapeFamily.values();
    private static final FillStyle[] FILLS = FillStyle.values();
    /** The darkest exposure: a patch at 5 % of its fill's brightness is nearly black. */
    private static final double MIN_EXPOSURE = 0.05;

    private final int min;
    private final int max;

    ShapeSampler(int min, int max) {
        this.min = min;
        this.max = max;
    }

    /** Shape families times fill styles. */
    @Override
    public int size() {
        return FAMILIES.length * FILLS.length;
    }

    @Override
    public NegativePatch draw(RandomGenerator random) {
        ShapeFamily family = FAMILIES[random.nextInt(FAMILIES.length)];
        FillStyle fill = FILLS[random.nextInt(FILLS.length)];
        int width = side(random);
        double aspect = Math.exp((random.nextDouble() - 0.5) * 0.9);
        int height = Math.max(min, Math.min(max, (int) Math.round(width * aspect)));
        boolean[] inside = rasterise(fit(family.outline(random), width, height), width, height);
        FillStyle.Fill pattern = fill.pattern(width, height, random);
        double exposure = exposure(random);
        // Crop to the shape's bounding box.
        int x0 = width;
        int y0 = height;
        int x1 = -1;
        int y1 = -1;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                if (inside[y * width + x]) {
                    x0 = Math.min(x0, x);
                    y0 = Math.min(y0, y);
                    x1 = Math.max(x1, x);
                    y1 = Math.max(y1, y);
                }
            }
        }
        if (x1 < 0) {
            // A degenerate outline missed every pixel centre: keep the middle pixel so the shape is never empty.
            inside[height / 2 * width + width / 2] = true;
            x0 = 0;
            y0 = 0;
            x1 = width - 1;
            y1 = height - 1;
        }
        // Widen a crop below the minimum side again, within the drawn box (a thin tip missed every pixel centre).
        int[] xs = widen(x0, x1, width);
        int[] ys = widen(y0, y1, height);
        x0 = xs[0];
        x1 = xs[1];
        y0 = ys[0];
        y1 = ys[1];
        int w = x1 - x0 + 1;
        int h = y1 - y0 + 1;
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        int[] pixels = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
        byte[] shape = new byte[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                pixels[y * w + x] = FillStyle.blend(0x000000, pattern.at(x + x0, y + y0), exposure);
                shape[y * w + x] = (byte) (inside[(y + y0) * width + x + x0] ? 1 : 0);
            }
        }
        return new NegativePatch(image, new Mask(w, h, shape),
                "synthetic:" + family.label() + "/" + fill.label() + " " + w + "x" + h);
    }

    /** {lo, hi} grown to at least {@code min} pixels, kept inside {@code [0, limit)}. */
    private int[] widen(int lo, int hi, int limit) {
        int missing = min - (hi - lo + 1);
        if (missing <= 0) {
            return new int[] {lo, hi};
        }
        lo = Math.max(0, lo - missing / 2);
        hi = Math.min(limit - 1, lo + min - 1);
        lo = Math.max(0, hi - min + 1);
        return new int[] {lo, hi};
    }

    /**
     * A brightness factor, uniform in {@code [MIN_EXPOSURE, 1]}: the patch is its fill blended towards black. The fills alone are bright colours; objects in
     * photographs (ADE20K, which these patches stand in for) are also dark or in shadow. Without dark patches
     * the outlier head learned "bright and colourful is outlier" and scored dark defects (holes) below every
     * inlier pixel.
     */
    private static double exposure(RandomGenerator random) {
        return MIN_EXPOSURE + (1 - MIN_EXPOSURE) * random.nextDouble();
    }

    /** A side in {@code [min, max]}, log-uniform so small and large patches are equally common per octave. */
    private int side(RandomGenerator random) {
        double lo = Math.log(min);
        double hi = Math.log(max + 1.0);
        return Math.max(min, Math.min(max, (int) Math.floor(Math.exp(lo + random.nextDouble() * (hi - lo)))));
    }

    /** {@code outline} scaled and moved so its bounds are exactly {@code [0, width] x [0, height]}. */
    static Shape fit(Shape outline, int width, int height) {
        Rectangle2D bounds = outline.getBounds2D();
        AffineTransform transform = AffineTransform.getScaleInstance(width / bounds.getWidth(),
                height / bounds.getHeight());
        transform.translate(-bounds.getX(), -bounds.getY());
        return transform.createTransformedShape(outline);
    }

    /** One flag per pixel: whether the pixel centre lies inside {@code shape}. */
    static boolean[] rasterise(Shape shape, int width, int height) {
        boolean[] inside = new boolean[width * height];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                inside[y * width + x] = shape.contains(x + 0.5, y + 0.5);
            }
        }
        return inside;
    }
}

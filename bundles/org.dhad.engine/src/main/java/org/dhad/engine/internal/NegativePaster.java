package org.dhad.engine.internal;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.Objects;
import java.util.random.RandomGenerator;

import org.dhad.api.data.Mask;
import org.dhad.api.data.NegativePatch;
import org.dhad.api.data.NegativeSampler;
import org.dhad.experiment.PasteMode;
import org.dhad.experiment.PasteSpec;

/**
 * Pastes negative patches onto an inlier image, without blending, and labels exactly the pixels it
 * wrote. Every random choice comes from the generator passed in, so a seeded generator gives the same
 * result on any thread.
 */
final class NegativePaster {

    /** A pasted image and its outlier labels (1 on every written pixel). */
    record Pasted(BufferedImage image, Mask labels) {
    }

    private final NegativeSampler sampler;
    private final PasteSpec spec;

    NegativePaster(NegativeSampler sampler, PasteSpec spec) {
        this.sampler = Objects.requireNonNull(sampler, "sampler");
        this.spec = Objects.requireNonNull(spec, "spec");
    }

    /**
     * With probability {@link PasteSpec#probability()}, pastes {@link PasteSpec#count()} patches onto a
     * copy of {@code inlier}.
     *
     * @throws IOException when the sampler cannot read a negative (the message names it)
     */
    Pasted paste(BufferedImage inlier, RandomGenerator random) throws IOException {
        int width = inlier.getWidth();
        int height = inlier.getHeight();
        BufferedImage image = copy(inlier);
        byte[] labels = new byte[width * height];
        if (random.nextDouble() < spec.probability()) {
            for (int i = 0; i < spec.count(); i++) {
                pasteOne(image, labels, sampler.draw(random), random);
            }
        }
        return new Pasted(image, new Mask(width, height, labels));
    }

    private void pasteOne(BufferedImage image, byte[] labels, NegativePatch patch, RandomGenerator random) {
        int width = image.getWidth();
        int height = image.getHeight();
        double root = Math.sqrt((double) width * height);
        double minSide = Math.max(1, spec.minScale() * root);
        double maxSide = Math.max(minSide, spec.maxScale() * root);
        int pw;
        int ph;
        boolean rectangle = spec.mode() == PasteMode.RECTANGLE;
        if (rectangle) {
            pw = steppedSide(minSide, maxSide, random);
            ph = steppedSide(minSide, maxSide, random);
        } else {
            double longer = minSide + random.nextDouble() * (maxSide - minSide);
            double factor = longer / Math.max(patch.image().getWidth(), patch.image().getHeight());
            pw = Math.max(1, (int) Math.round(patch.image().getWidth() * factor));
            ph = Math.max(1, (int) Math.round(patch.image().getHeight() * factor));
        }
        BufferedImage pixels = Images.resize(patch.image(), pw, ph);
        Mask shape = rectangle ? null : Images.resize(patch.shape(), pw, ph);
        int x0 = random.nextInt(Math.max(1, width - pw + 1));
        int y0 = random.nextInt(Math.max(1, height - ph + 1));
        for (int y = 0; y < ph && y0 + y < height; y++) {
            for (int x = 0; x < pw && x0 + x < width; x++) {
                if (shape == null || shape.get(x, y)) {
                    image.setRGB(x0 + x, y0 + y, pixels.getRGB(x, y));
                    labels[(y0 + y) * width + x0 + x] = 1;
                }
            }
        }
    }

    /** A side length in multiples of the rectangle step within the range, or any length when none fits. */
    private int steppedSide(double minSide, double maxSide, RandomGenerator random) {
        int step = spec.rectangleStep();
        long lo = (long) Math.ceil(minSide / step);
        long hi = (long) Math.floor(maxSide / step);
        if (hi >= lo && lo >= 1) {
            return (int) (step * (lo + random.nextLong(hi - lo + 1)));
        }
        return Math.max(1, (int) Math.round(minSide + random.nextDouble() * (maxSide - minSide)));
    }

    private static BufferedImage copy(BufferedImage source) {
        BufferedImage out = new BufferedImage(source.getWidth(), source.getHeight(), BufferedImage.TYPE_INT_RGB);
        out.setRGB(0, 0, source.getWidth(), source.getHeight(),
                source.getRGB(0, 0, source.getWidth(), source.getHeight(), null, 0, source.getWidth()), 0,
                source.getWidth());
        return out;
    }
}

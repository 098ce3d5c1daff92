package org.dhad.data.synthetic.internal;

import java.awt.image.BufferedImage;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;

import org.dhad.api.data.Mask;
import org.dhad.api.data.Sample;
import org.dhad.api.data.Split;

/**
 * One generated image: rendered from its key whenever it is read, so nothing is stored and reads from
 * several threads need no locking. A defective sample renders the clean image, then its defect from a
 * second random stream, so the clean render is the same with or without the defect.
 */
final class SyntheticSample implements Sample {

    private final Category category;
    private final Split split;
    private final DefectKind defect;
    private final String name;
    private final int size;
    private final long key;

    /**
     * @param defect the defect, or {@code null} for a good sample
     * @param key    seed of the image, from the dataset seed, category, split and index
     */
    SyntheticSample(Category category, Split split, DefectKind defect, String name, int size, long key) {
        this.category = category;
        this.split = split;
        this.defect = defect;
        this.name = name;
        this.size = size;
        this.key = key;
    }

    /** The image key for (seed, category, split, index). */
    static long key(long seed, Category category, Split split, int index) {
        long k = ValueNoise.mix(seed ^ 0x6A09E667F3BCC909L);
        k = ValueNoise.mix(k ^ category.label().hashCode());
        k = ValueNoise.mix(k ^ (split.ordinal() + 1L) * 0x9E3779B97F4A7C15L);
        return ValueNoise.mix(k ^ index);
    }

    @Override
    public String category() {
        return category.label();
    }

    @Override
    public Split split() {
        return split;
    }

    @Override
    public String defectType() {
        return defect == null ? GOOD : defect.label();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String source() {
        return "synthetic:" + category.label() + "/" + split.name().toLowerCase(Locale.ROOT) + "/" + defectType() + "/"
                + name;
    }

    @Override
    public BufferedImage readImage() {
        Canvas canvas = clean();
        if (defect == null) {
            return Canvas.image(size, canvas.rgb);
        }
        int[] pixels = canvas.rgb.clone();
        defect(canvas).apply(pixels);
        return Canvas.image(size, pixels);
    }

    @Override
    public Optional<Mask> readMask() {
        if (defect == null) {
            return Optional.empty();
        }
        boolean[] footprint = defect(clean()).footprint();
        byte[] pixels = new byte[footprint.length];
        for (int i = 0; i < footprint.length; i++) {
            pixels[i] = (byte) (footprint[i] ? 1 : 0);
        }
        return Optional.of(new Mask(size, size, pixels));
    }

    /** The same image without its defect; for tests that check the mask against the changed pixels. */
    BufferedImage readCleanImage() {
        return Canvas.image(size, clean().rgb);
    }

    private Canvas clean() {
        return category.render(size, new SplittableRandom(key));
    }

    private Defect defect(Canvas canvas) {
        return defect.make(canvas, new SplittableRandom(ValueNoise.mix(key ^ 0xD1B54A32D192ED03L)));
    }

    @Override
    public String toString() {
        return source();
    }
}

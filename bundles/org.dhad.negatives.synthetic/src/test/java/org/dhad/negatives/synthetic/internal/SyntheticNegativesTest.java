package org.dhad.negatives.synthetic.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.dhad.api.Provider;
import org.dhad.api.Settings;
import org.dhad.api.data.DataException;
import org.dhad.api.data.NegativePatch;
import org.dhad.api.data.NegativeSampler;
import org.dhad.api.data.NegativeSource;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

/** Registration, sizes, exact shapes, determinism, thread safety and settings errors of the synthetic negatives. */
class SyntheticNegativesTest {

    private static NegativeSource source() throws Exception {
        BundleContext context = FrameworkUtil.getBundle(SyntheticNegativesTest.class).getBundleContext();
        ServiceTracker<NegativeSource, NegativeSource> tracker = new ServiceTracker<>(context, context.createFilter(
                "(&(objectClass=" + NegativeSource.class.getName() + ")(" + Provider.ID_PROPERTY + "=synthetic))"), null);
        tracker.open();
        try {
            NegativeSource source = tracker.waitForService(TimeUnit.SECONDS.toMillis(10));
            assertNotNull(source, "no NegativeSource service with id=synthetic registered within 10 s");
            assertEquals("synthetic", source.id(), "id() agrees with the service property");
            return source;
        } finally {
            tracker.close();
        }
    }

    private static NegativeSampler open(Map<String, String> values) throws Exception {
        NegativeSource source = source();
        return source.open(new Settings(source.id(), source.settings(), values));
    }

    private static DataException failure(Map<String, String> values) throws Exception {
        try {
            NegativeSampler sampler = open(values);
            throw new AssertionError("expected a DataException for " + values + ", got " + sampler.size() + " shapes");
        } catch (DataException e) {
            return e;
        }
    }

    @Test
    void registeredAndDescribed() throws Exception {
        NegativeSource source = source();
        assertFalse(source.description().isBlank(), "description");
        assertEquals(List.of("min-size", "max-size"), source.settings().stream().map(s -> s.key()).toList(), "keys");
        assertEquals(30, open(Map.of()).size(), "5 shape families x 6 fills");
    }

    @Test
    void defaultPatchesAreNonEmptyShapesBetweenEightAnd48Pixels() throws Exception {
        NegativeSampler sampler = open(Map.of());
        SplittableRandom random = new SplittableRandom(1);
        Set<String> families = new HashSet<>();
        Set<String> fills = new HashSet<>();
        Set<Integer> widths = new HashSet<>();
        int tight = 0;
        for (int n = 0; n < 2000; n++) {
            NegativePatch patch = sampler.draw(random);
            BufferedImage image = patch.image();
            assertEquals(BufferedImage.TYPE_INT_RGB, image.getType(), "RGB patch " + patch.source());
            assertEquals(List.of(image.getWidth(), image.getHeight()), List.of(patch.shape().width(),
                    patch.shape().height()), "image and shape size " + patch.source());
            assertTrue(image.getWidth() >= 8 && image.getWidth() <= 48 && image.getHeight() >= 8
                    && image.getHeight() <= 48, "size " + image.getWidth() + "x" + image.getHeight() + " of " + patch.source());
            assertTrue(patch.shape().count() > 0, "non-empty shape " + patch.source());
            String[] parts = patch.source().split("[:/ ]");
            assertEquals("synthetic", parts[0], "source " + patch.source());
            families.add(parts[1]);
            fills.add(parts[2]);
            widths.add(image.getWidth());
            tight += touchesAllBorders(patch) ? 1 : 0;
        }
        assertEquals(Set.of("polygon", "ellipse", "star", "blob", "ring"), families, "every shape family drawn");
        assertEquals(Set.of("linear-gradient", "radial-gradient", "stripes", "checkerboard", "colour-noise", "plasma"),
                fills, "every fill drawn");
        assertTrue(widths.contains(8) && widths.contains(48) && widths.size() > 30, "sides spread over [8, 48]: " + widths);
        assertTrue(tight > 1850, "patches are cropped to the shape's bounding box (unless below min-size): " + tight + " of 2000");
    }

    /** Dark defects (holes, cracks) are learned as outliers only if some negatives are dark too. */
    @Test
    void exposuresRangeFromNearlyBlackToBright() throws Exception {
        NegativeSampler sampler = open(Map.of());
        SplittableRandom random = new SplittableRandom(2);
        int dark = 0;
        int bright = 0;
        double darkest = 255;
        for (int n = 0; n < 1000; n++) {
            NegativePatch patch = sampler.draw(random);
            double luminance = meanLuminance(patch);
            darkest = Math.min(darkest, luminance);
            dark += luminance < 40 ? 1 : 0;
            bright += luminance > 150 ? 1 : 0;
        }
        assertTrue(dark > 50, "patches darker than 40 of 255 in mean luminance: " + dark + " of 1000");
        assertTrue(bright > 5, "patches brighter than 150 of 255 in mean luminance: " + bright + " of 1000");
        assertTrue(darkest < 15, "the darkest patch is nearly black: mean luminance " + darkest);
    }

    private static double meanLuminance(NegativePatch patch) {
        double sum = 0;
        int count = 0;
        for (int y = 0; y < patch.shape().height(); y++) {
            for (int x = 0; x < patch.shape().width(); x++) {
                if (patch.shape().get(x, y)) {
                    int rgb = patch.image().getRGB(x, y);
                    sum += 0.299 * (rgb >> 16 & 0xFF) + 0.587 * (rgb >> 8 & 0xFF) + 0.114 * (rgb & 0xFF);
                    count++;
                }
            }
        }
        return sum / count;
    }

    private static boolean touchesAllBorders(NegativePatch patch) {
        int w = patch.shape().width();
        int h = patch.shape().height();
        boolean top = false;
        boolean bottom = false;
        boolean left = false;
        boolean right = false;
        for (int x = 0; x < w; x++) {
            top |= patch.shape().get(x, 0);
            bottom |= patch.shape().get(x, h - 1);
        }
        for (int y = 0; y < h; y++) {
            left |= patch.shape().get(0, y);
            right |= patch.shape().get(w - 1, y);
        }
        return top && bottom && left && right;
    }

    @Test
    void sizesFollowTheSettings() throws Exception {
        NegativeSampler fixed = open(Map.of("min-size", "10", "max-size", "10"));
        NegativeSampler band = open(Map.of("min-size", "20", "max-size", "24"));
        SplittableRandom random = new SplittableRandom(5);
        for (int n = 0; n < 300; n++) {
            NegativePatch patch = fixed.draw(random);
            assertEquals(List.of(10, 10), List.of(patch.image().getWidth(), patch.image().getHeight()), patch.source());
            patch = band.draw(random);
            int w = patch.image().getWidth();
            int h = patch.image().getHeight();
            assertTrue(w >= 20 && w <= 24 && h >= 20 && h <= 24, w + "x" + h + " " + patch.source());
        }
    }

    @Test
    void shapeIsExactlyThePixelCentresInsideTheOutline() {
        // A circle fitted to 20x20 is the disc of radius 10 around (10, 10).
        boolean[] disc = ShapeSampler.rasterise(ShapeSampler.fit(new Ellipse2D.Double(-3, 5, 2, 2), 20, 20), 20, 20);
        int count = 0;
        for (int y = 0; y < 20; y++) {
            for (int x = 0; x < 20; x++) {
                double dx = x + 0.5 - 10;
                double dy = y + 0.5 - 10;
                assertEquals(dx * dx + dy * dy < 100, disc[y * 20 + x], "disc pixel " + x + "," + y);
                count += disc[y * 20 + x] ? 1 : 0;
            }
        }
        assertEquals(316, count, "pixel centres inside a radius-10 circle");
        boolean[] box = ShapeSampler.rasterise(ShapeSampler.fit(new Rectangle2D.Double(0, 0, 1, 3), 7, 5), 7, 5);
        boolean[] all = new boolean[35];
        Arrays.fill(all, true);
        assertArrayEquals(all, box, "a rectangle fitted to the patch covers it");
    }

    @Test
    void sameGeneratorStateSamePatches() throws Exception {
        NegativeSampler sampler = open(Map.of());
        List<NegativePatch> first = draw(sampler, new SplittableRandom(123), 100);
        List<NegativePatch> second = draw(open(Map.of()), new SplittableRandom(123), 100);
        List<NegativePatch> other = draw(sampler, new SplittableRandom(124), 100);
        int different = 0;
        for (int n = 0; n < 100; n++) {
            assertEquals(first.get(n).source(), second.get(n).source(), "source " + n);
            assertEquals(first.get(n).shape(), second.get(n).shape(), "shape " + n);
            assertArrayEquals(pixels(first.get(n)), pixels(second.get(n)), "pixels " + n);
            different += first.get(n).shape().equals(other.get(n).shape()) ? 0 : 1;
        }
        assertTrue(different > 90, "another seed gives other patches: " + different + " of 100 differ");
    }

    @Test
    void drawsFromSeveralThreadsMatchSequentialDraws() throws Exception {
        NegativeSampler sampler = open(Map.of());
        List<List<NegativePatch>> expected = new ArrayList<>();
        for (int seed = 0; seed < 8; seed++) {
            expected.add(draw(sampler, new SplittableRandom(seed), 50));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<NegativePatch>>> parallel = new ArrayList<>();
            for (int seed = 0; seed < 8; seed++) {
                long s = seed;
                parallel.add(pool.submit(() -> draw(sampler, new SplittableRandom(s), 50)));
            }
            for (int seed = 0; seed < 8; seed++) {
                List<NegativePatch> got = parallel.get(seed).get();
                for (int n = 0; n < 50; n++) {
                    assertEquals(expected.get(seed).get(n).shape(), got.get(n).shape(), "seed " + seed + " patch " + n);
                    assertArrayEquals(pixels(expected.get(seed).get(n)), pixels(got.get(n)), "seed " + seed + " patch " + n);
                }
            }
        } finally {
            pool.shutdown();
        }
    }

    private static List<NegativePatch> draw(NegativeSampler sampler, SplittableRandom random, int count)
            throws Exception {
        List<NegativePatch> patches = new ArrayList<>();
        for (int n = 0; n < count; n++) {
            patches.add(sampler.draw(random));
        }
        return patches;
    }

    private static int[] pixels(NegativePatch patch) {
        BufferedImage image = patch.image();
        return image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
    }

    @Test
    void badSettingsNameTheSetting() throws Exception {
        DataException small = failure(Map.of("min-size", "1"));
        assertTrue(small.getMessage().contains("'min-size'") && small.getMessage().contains("[2, 4096]"),
                small.getMessage());
        DataException text = failure(Map.of("max-size", "big"));
        assertTrue(text.getMessage().contains("'max-size'") && text.getMessage().contains("an integer"),
                text.getMessage());
        DataException order = failure(Map.of("min-size", "30", "max-size", "10"));
        assertTrue(order.getMessage().contains("'min-size' (30)") && order.getMessage().contains("'max-size' (10)"),
                order.getMessage());
        DataException key = failure(Map.of("seed", "4"));
        assertTrue(key.getMessage().contains("unknown setting 'seed'"), key.getMessage());
    }
}

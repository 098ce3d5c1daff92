package org.dhad.negatives.segmentation.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.dhad.api.data.NegativePatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The patch cache changes only time: on the ADE20K full-release and CamVid samples, draws without a cache (each shape
 * cut by region reads), into a cold cache (every shape of a file cut from one decoding, when all shapes fit; one shape
 * by region reads otherwise) and from a warm one on two threads give the same patches, pixel for pixel; the cache
 * stays within its budget.
 */
class PatchCacheTest {

    private static final int DRAWS = 12;
    /** A budget above what all shapes of the samples take (the cache holds only what is cut). */
    private static final int ALL = 8192;

    @TempDir
    Path cache;

    /** The uncached class draws, decoded once for both tests that compare with them (decoding is the slow part). */
    private static List<NegativePatch> classReference;

    private ShapeSampler open(String shape, int megabytes) throws Exception {
        return open("ade20k_samples", shape, megabytes);
    }

    private ShapeSampler open(String folder, String shape, int megabytes) throws Exception {
        Path root = NegativeFixtures.shared(folder);
        return (ShapeSampler) NegativeFixtures.open("segmentation", Map.of("root", root.toString(), "cache-dir",
                cache.toString(), "shape", shape, SegmentationSource.PATCH_CACHE, Integer.toString(megabytes)));
    }

    @Test
    void classAndUnionDrawsAreTheSameColdWarmAndUncached() throws Exception {
        for (String shape : new String[] {"class", "union"}) {
            ShapeSampler uncached = open(shape, 0);
            ShapeSampler cached = open(shape, ALL);
            assertEquals(shape.equals("class"), cached.cutsWholeFiles(), shape + ": whole files only for class shapes");
            List<NegativePatch> reference = draw(uncached, 1);
            assertEquals(0, uncached.cache().hits(), "a 0 MB cache keeps nothing");
            if (shape.equals("class")) {
                classReference = reference;
            }
            assertSame(shape + ", cold cache", reference, draw(cached, 1));
            long missesCold = cached.cache().misses();
            assertSame(shape + ", warm cache on two threads", reference, draw(cached, 2));
            if (shape.equals("class")) { // union patches are cut as drawn
                assertEquals(missesCold, cached.cache().misses(), shape + ": the warm pass decodes nothing");
                assertTrue(cached.cache().hits() >= DRAWS, shape + ": hits " + cached.cache().hits());
            }
        }
    }

    /** CamVid: one-band PNG masks, class shapes and connected components. */
    @Test
    void camVidClassAndComponentDrawsAreTheSameWithAndWithoutTheCache() throws Exception {
        for (String shape : new String[] {"class", "component"}) {
            List<NegativePatch> reference = draw(open("camvid_subset", shape, 0), 1);
            ShapeSampler cached = open("camvid_subset", shape, ALL);
            assertTrue(cached.cutsWholeFiles(), "CamVid " + shape + ": every shape fits, so misses cut whole files");
            assertSame("CamVid " + shape + ", cold cache", reference, draw(cached, 2));
            assertSame("CamVid " + shape + ", warm cache", reference, draw(cached, 2));
        }
    }

    @Test
    void aSmallCacheEvictsAndStaysWithinItsBudget() throws Exception {
        ShapeSampler small = open("class", 1);
        assertFalse(small.cutsWholeFiles(), "1 MB holds not all shapes: misses cut one shape, by region reads");
        List<NegativePatch> reference = classReference != null ? classReference : draw(open("class", 0), 1);
        assertSame("1 MB cache", reference, draw(small, 2));
        assertTrue(small.cache().usedBytes() <= 1024 * 1024, "within 1 MB: " + small.cache().usedBytes());
        assertTrue(small.cache().misses() > 0, "misses counted");
    }

    private static List<NegativePatch> draw(ShapeSampler sampler, int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<NegativePatch>> futures = new ArrayList<>();
            for (int i = 0; i < DRAWS; i++) {
                long seed = i;
                futures.add(pool.submit(() -> sampler.draw(new SplittableRandom(seed))));
            }
            List<NegativePatch> patches = new ArrayList<>();
            for (Future<NegativePatch> f : futures) {
                patches.add(f.get());
            }
            return patches;
        } finally {
            pool.shutdown();
        }
    }

    private static void assertSame(String what, List<NegativePatch> expected, List<NegativePatch> actual) {
        for (int i = 0; i < expected.size(); i++) {
            NegativePatch e = expected.get(i);
            NegativePatch a = actual.get(i);
            assertEquals(e.source(), a.source(), what + ": draw " + i);
            assertArrayEquals(e.shape().pixels(), a.shape().pixels(), what + ": mask of draw " + i);
            assertArrayEquals(rgb(e.image()), rgb(a.image()), what + ": pixels of draw " + i);
        }
    }

    private static int[] rgb(BufferedImage image) {
        return image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
    }
}

package org.dhad.negatives.segmentation.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import org.dhad.api.data.DecodedCache;
import org.dhad.api.data.NegativePatch;
import org.dhad.imageio.DecodedCacheFolder;
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
        return open(folder, shape, megabytes, DecodedCache.NONE);
    }

    private ShapeSampler open(String folder, String shape, int megabytes, DecodedCache decoded) throws Exception {
        Path root = NegativeFixtures.shared(folder);
        return (ShapeSampler) NegativeFixtures.open("segmentation", Map.of("root", root.toString(), "cache-dir",
                cache.toString(), "shape", shape, SegmentationSource.PATCH_CACHE, Integer.toString(megabytes)),
                decoded);
    }

    /**
     * The disk tier changes no draw: into an empty folder (a new sampler: a new process), from the filled folder
     * with all shapes in memory and with 1 MB of memory (every miss reads its shape's entry), and after every entry
     * was corrupted (ignored, cut again, replaced), on two threads (one for the corrupted pass); union shapes keep
     * no entry.
     */
    @Test
    void classDrawsAreTheSameWithADiskTierColdWarmAndCorrupt() throws Exception {
        List<NegativePatch> reference = classReference != null ? classReference : draw(open("class", 0), 1);
        Path folder = cache.resolve("data-cache");
        ShapeSampler cold = open("ade20k_samples", "class", ALL, new DecodedCacheFolder(folder, 1L << 30));
        assertSame("disk-cold", reference, draw(cold, 1));
        // one thread: on two, a miss may read the entry the other thread has just stored, which is right
        assertEquals(0, cold.diskHits(), "an empty folder serves nothing");
        assertTrue(cold.filesDecoded() > 0, "files decoded");
        List<Path> entries = entries(folder);
        assertFalse(entries.isEmpty(), "the shapes cut are stored");
        assertSame("disk-cold, two threads", reference, draw(open("ade20k_samples", "class", ALL,
                new DecodedCacheFolder(cache.resolve("data-cache-two-threads"), 1L << 30)), 2));
        ShapeSampler warm = open("ade20k_samples", "class", ALL, new DecodedCacheFolder(folder, 1L << 30));
        assertSame("disk-warm", reference, draw(warm, 2));
        assertEquals(0, warm.filesDecoded(), "disk-warm decodes no file");
        assertTrue(warm.diskHits() > 0, "shapes read from the disk: " + warm.diskHits());
        ShapeSampler small = open("ade20k_samples", "class", 1, new DecodedCacheFolder(folder, 1L << 30));
        assertFalse(small.cutsWholeFiles(), "1 MB of memory holds not all shapes");
        assertSame("disk-warm, 1 MB of memory", reference, draw(small, 2));
        assertEquals(0, small.filesDecoded(), "disk-warm with 1 MB of memory decodes no file either");
        assertTrue(small.diskHits() > 0, "the misses read the disk: " + small.diskHits());
        for (Path entry : entries) {
            byte[] bytes = Files.readAllBytes(entry);
            bytes[bytes.length - 7] ^= 0x01;
            Files.write(entry, bytes);
        }
        ShapeSampler corrupt = open("ade20k_samples", "class", ALL, new DecodedCacheFolder(folder, 1L << 30));
        // one thread: on two, a miss may read an entry the other thread has just replaced, which is right
        assertSame("corrupt entries", reference, draw(corrupt, 1));
        assertEquals(0, corrupt.diskHits(), "a corrupt entry is never used");
        assertTrue(corrupt.filesDecoded() > 0, "the files are decoded again");
        ShapeSampler repaired = open("ade20k_samples", "class", ALL, new DecodedCacheFolder(folder, 1L << 30));
        assertSame("replaced entries", reference, draw(repaired, 2));
        assertEquals(0, repaired.filesDecoded(), "the corrupt entries were replaced");
        Path union = cache.resolve("union-cache");
        draw(open("ade20k_samples", "union", ALL, new DecodedCacheFolder(union, 1L << 30)), 1);
        assertFalse(Files.exists(union), "union shapes are cut as drawn, never stored");
    }

    /** CamVid connected components through the disk tier: the same draws cold, warm and without a cache. */
    @Test
    void camVidComponentsAreTheSameFromTheDiskTier() throws Exception {
        List<NegativePatch> reference = draw(open("camvid_subset", "component", 0), 1);
        Path folder = cache.resolve("camvid-cache");
        assertSame("CamVid components, disk-cold", reference,
                draw(open("camvid_subset", "component", ALL, new DecodedCacheFolder(folder, 1L << 30)), 2));
        ShapeSampler warm = open("camvid_subset", "component", ALL, new DecodedCacheFolder(folder, 1L << 30));
        assertSame("CamVid components, disk-warm", reference, draw(warm, 2));
        assertEquals(0, warm.filesDecoded(), "no file decoded");
        assertTrue(warm.diskHits() > 0, "read from the disk: " + warm.diskHits());
    }

    /** A folder that cannot be created: the draws are the uncached ones, nothing fails. */
    @Test
    void anUnwritableFolderLeavesTheDrawsAsTheyAre() throws Exception {
        List<NegativePatch> reference = classReference != null ? classReference : draw(open("class", 0), 1);
        Path inTheWay = Files.writeString(cache.resolve("in-the-way"), "a file");
        ShapeSampler sampler = open("ade20k_samples", "class", ALL,
                new DecodedCacheFolder(inTheWay.resolve("cache"), 1L << 30));
        assertSame("unwritable folder", reference, draw(sampler, 2));
        assertEquals(0, sampler.diskHits());
        assertTrue(sampler.filesDecoded() > 0, "decoded as without a disk tier");
    }

    private static List<Path> entries(Path folder) throws Exception {
        try (Stream<Path> files = Files.list(folder)) {
            return files.toList();
        }
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

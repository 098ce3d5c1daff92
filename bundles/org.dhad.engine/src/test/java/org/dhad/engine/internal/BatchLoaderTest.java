package org.dhad.engine.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.dhad.api.data.DecodedCache;
import org.dhad.api.data.Mask;
import org.dhad.api.data.Sample;
import org.dhad.api.data.Split;
import org.dhad.experiment.PasteMode;
import org.dhad.experiment.PasteSpec;
import org.dhad.experiment.Schedule;
import org.dhad.imageio.DecodedCacheFolder;
import org.dhad.imageio.ImageFile;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Batches depend on (seed, epoch, index) only; broken samples are skipped and counted. */
class BatchLoaderTest {

    private static final PasteSpec PASTE = PasteSpec.defaults(PasteMode.MASK).with(PasteSpec.PROBABILITY, 0.7);

    /** Batches of 3 images of 24 px. */
    private static Schedule schedule(int threads) {
        return Schedule.paper().with(Schedule.BATCH_SIZE, 3).with(Schedule.INPUT_SIZE, 24)
                .with(Schedule.LOADER_THREADS, threads);
    }

    @Test
    void batchesDoNotDependOnThreadCount() throws Exception {
        List<Sample> samples = TestShapes.samples("a", Split.TRAIN, 10);
        List<TrainingBatch> one = load(samples, 1, 1);
        List<TrainingBatch> three = load(samples, 3, 1);
        assertEquals(3, one.size(), "10 samples in batches of 3: the partial batch is dropped");
        for (int i = 0; i < one.size(); i++) {
            assertArrayEquals(one.get(i).images(), three.get(i).images(), "images of batch " + i);
            assertArrayEquals(one.get(i).labels(), three.get(i).labels(), "labels of batch " + i);
        }
        List<TrainingBatch> otherEpoch = load(samples, 2, 2);
        assertTrue(!java.util.Arrays.equals(one.get(0).images(), otherEpoch.get(0).images()),
                "another epoch shuffles and pastes differently");
        float[] image = one.get(0).images();
        for (float v : image) {
            assertTrue(v >= 0 && v <= 1, "pixel values in [0,1], got " + v);
        }
    }

    /**
     * Resized images kept from the first epoch give the batches of later epochs unchanged: no cache, a cache holding
     * every image and one holding only four give the same three epochs, on two threads.
     */
    @Test
    void theImageCacheChangesNoBatch() throws Exception {
        List<Sample> samples = TestShapes.samples("a", Split.TRAIN, 10);
        long image = 4L * 24 * 24;
        List<List<TrainingBatch>> reference = loadEpochs(samples, 0, null);
        ImageCache[] caches = new ImageCache[2];
        List<List<TrainingBatch>> all = loadEpochs(samples, 64 * image, c -> caches[0] = c);
        List<List<TrainingBatch>> some = loadEpochs(samples, 4 * image, c -> caches[1] = c);
        for (int e = 0; e < reference.size(); e++) {
            for (int b = 0; b < reference.get(e).size(); b++) {
                for (List<List<TrainingBatch>> cached : List.of(all, some)) {
                    assertArrayEquals(reference.get(e).get(b).images(), cached.get(e).get(b).images(),
                            "images of epoch " + e + " batch " + b + (cached == all ? ", full cache" : ", small cache"));
                    assertArrayEquals(reference.get(e).get(b).labels(), cached.get(e).get(b).labels(),
                            "labels of epoch " + e + " batch " + b);
                }
            }
        }
        assertEquals(27, caches[0].hits() + caches[0].misses(), "3 epochs of 9 images (the partial batch dropped)");
        assertTrue(caches[0].misses() <= 10, "each of the 10 images decoded at most once: " + caches[0].misses());
        assertTrue(caches[1].usedBytes() <= 4 * image && caches[1].hits() > 0 && caches[1].misses() > 10,
                "a small cache keeps what fits: " + caches[1].usedBytes() + " bytes, " + caches[1].hits() + " hits");
    }

    /** The first training images of the shared MVTec AD grid sample (1024x1024 grey PNGs), as file samples. */
    private static List<Sample> gridSamples(int count) throws Exception {
        Path folder = Path.of(System.getProperty("dhad.shared", "/nonexistent"), "data", "mvtec_ad", "grid", "train",
                "good").toAbsolutePath().normalize();
        Assumptions.assumeTrue(Files.isDirectory(folder), "MVTec AD grid sample not found at " + folder
                + " (system property dhad.shared): skipping the disk tier test on real files");
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.toString().endsWith(".png")).sorted().limit(count)
                    .<Sample>map(GridSample::new).toList();
        }
    }

    /** A training image read from its file, as the MVTec plugin reads it. */
    private record GridSample(Path file) implements Sample {
        @Override
        public String category() {
            return "grid";
        }

        @Override
        public Split split() {
            return Split.TRAIN;
        }

        @Override
        public String defectType() {
            return GOOD;
        }

        @Override
        public String name() {
            return file.getFileName().toString();
        }

        @Override
        public String source() {
            return file.toString();
        }

        @Override
        public BufferedImage readImage() throws IOException {
            return ImageFile.readRgb(file);
        }

        @Override
        public Optional<Mask> readMask() {
            return Optional.empty();
        }
    }

    /**
     * The disk tier changes no batch: on real PNG files, no cache, a cold disk tier (no memory cache, so epochs 2-3
     * read the disk), a warm one in a new loader (a new process: every image from disk), one whose entries were all
     * corrupted (ignored, decoded again, replaced) and one whose folder cannot be created give the same three epochs
     * on two threads.
     */
    @Test
    void theDiskTierChangesNoBatch(@TempDir Path temp) throws Exception {
        List<Sample> samples = gridSamples(6); // two batches of three: every image in every epoch
        Path folder = temp.resolve("data-cache");
        List<List<TrainingBatch>> reference = loadEpochs(samples, 0, DecodedCache.NONE, null);
        ImageCache[] caches = new ImageCache[3];
        List<List<TrainingBatch>> cold = loadEpochs(samples, 0, new DecodedCacheFolder(folder, 1 << 30),
                c -> caches[0] = c);
        List<List<TrainingBatch>> warm = loadEpochs(samples, 1 << 30, new DecodedCacheFolder(folder, 1 << 30),
                c -> caches[1] = c);
        List<Path> entries;
        try (Stream<Path> files = Files.list(folder)) {
            entries = files.toList();
        }
        assertEquals(6, entries.size(), "one entry per image: " + entries);
        for (Path entry : entries) {
            byte[] bytes = Files.readAllBytes(entry);
            bytes[bytes.length / 2] ^= 0x10;
            Files.write(entry, bytes);
        }
        List<List<TrainingBatch>> corrupt = loadEpochs(samples, 1 << 30, new DecodedCacheFolder(folder, 1 << 30),
                c -> caches[2] = c);
        Path inTheWay = Files.writeString(temp.resolve("in-the-way"), "a file");
        List<List<TrainingBatch>> unwritable = loadEpochs(samples, 0,
                new DecodedCacheFolder(inTheWay.resolve("cache"), 1 << 30), null);
        List<String> names = List.of("disk-cold", "disk-warm", "corrupt entries", "unwritable folder");
        List<List<List<TrainingBatch>>> runs = List.of(cold, warm, corrupt, unwritable);
        for (int e = 0; e < reference.size(); e++) {
            for (int b = 0; b < reference.get(e).size(); b++) {
                for (int r = 0; r < runs.size(); r++) {
                    assertArrayEquals(reference.get(e).get(b).images(), runs.get(r).get(e).get(b).images(),
                            "images of epoch " + e + " batch " + b + ", " + names.get(r));
                    assertArrayEquals(reference.get(e).get(b).labels(), runs.get(r).get(e).get(b).labels(),
                            "labels of epoch " + e + " batch " + b + ", " + names.get(r));
                }
            }
        }
        assertEquals(12, caches[0].diskHits(), "disk-cold without memory: epochs 2-3 read the disk");
        assertEquals(6, caches[1].diskHits(), "disk-warm: each image's one miss of the memory cache read the disk");
        assertEquals(6, caches[1].misses(), "disk-warm: one memory miss per image");
        assertEquals(0, caches[2].diskHits(), "corrupt entries are never used");
        ImageCache[] replaced = new ImageCache[1];
        assertArrayEquals(reference.get(0).get(0).images(), loadEpochs(samples, 1 << 30,
                new DecodedCacheFolder(folder, 1 << 30), c -> replaced[0] = c).get(0).get(0).images(), "after repair");
        assertEquals(6, replaced[0].diskHits(), "the corrupt entries were replaced by the run that ignored them");
    }

    private static List<List<TrainingBatch>> loadEpochs(List<Sample> samples, long cacheBytes,
            java.util.function.Consumer<ImageCache> cache) throws Exception {
        return loadEpochs(samples, cacheBytes, DecodedCache.NONE, cache);
    }

    private static List<List<TrainingBatch>> loadEpochs(List<Sample> samples, long cacheBytes, DecodedCache disk,
            java.util.function.Consumer<ImageCache> cache) throws Exception {
        List<List<TrainingBatch>> epochs = new ArrayList<>();
        try (BatchLoader loader = new BatchLoader(samples, new NegativePaster(new TestShapes.Discs(), PASTE),
                schedule(2), 11, m -> { }, cacheBytes, disk)) {
            for (int e = 0; e < 3; e++) {
                List<TrainingBatch> batches = new ArrayList<>();
                try (BatchLoader.Epoch epoch = loader.epoch(e, 0)) {
                    while (epoch.hasNext()) {
                        batches.add(epoch.next());
                    }
                }
                epochs.add(batches);
            }
            if (cache != null) {
                cache.accept(loader.cache());
            }
        }
        return epochs;
    }

    @Test
    void brokenSamplesAreSkippedAndCounted() throws Exception {
        List<Sample> samples = new ArrayList<>(TestShapes.samples("a", Split.TRAIN, 6));
        samples.set(2, new TestShapes.TestSample("a", Split.TRAIN, Sample.GOOD, "bad", 1, true));
        List<String> messages = new ArrayList<>();
        try (BatchLoader loader = new BatchLoader(samples, new NegativePaster(new TestShapes.Discs(), PASTE), schedule(2),
                5, messages::add); BatchLoader.Epoch epoch = loader.epoch(0, 0)) {
            int images = 0;
            while (epoch.hasNext()) {
                images += epoch.next().count();
            }
            assertEquals(5, images, "one of six samples skipped");
            assertEquals(1, loader.skipped(), "skip count");
            assertTrue(messages.stream().anyMatch(m -> m.contains("bad") && m.contains("broken on purpose")),
                    "the message names the sample: " + messages);
        }
    }

    @Test
    void flipProbabilityOneMirrorsEveryImageAndZeroNone() throws Exception {
        List<Sample> samples = TestShapes.samples("a", Split.TRAIN, 6);
        PasteSpec noPaste = PASTE.with(PasteSpec.PROBABILITY, 0);
        List<TrainingBatch> plain = load(samples, schedule(2), noPaste, 1);
        List<TrainingBatch> flipped = load(samples, schedule(2).with(Schedule.FLIP_PROBABILITY, 1), noPaste, 1);
        int size = 24;
        boolean asymmetric = false;
        for (int b = 0; b < plain.size(); b++) {
            float[] a = plain.get(b).images();
            float[] m = flipped.get(b).images();
            for (int row = 0; row < a.length / size; row++) {
                for (int x = 0; x < size; x++) {
                    assertEquals(a[row * size + x], m[row * size + size - 1 - x], 0f, "batch " + b + " row " + row);
                    asymmetric |= a[row * size + x] != a[row * size + size - 1 - x];
                }
            }
        }
        assertTrue(asymmetric, "the test shapes are not all mirror-symmetric, so mirroring shows");
        assertEquals(load(samples, schedule(2), PASTE, 1).get(0).images().length, plain.get(0).images().length);
        List<TrainingBatch> half = load(samples, schedule(2).with(Schedule.FLIP_PROBABILITY, 0.5), noPaste, 1);
        long mirrored = java.util.stream.IntStream.range(0, half.size())
                .filter(b -> !java.util.Arrays.equals(half.get(b).images(), plain.get(b).images())).count();
        assertTrue(mirrored > 0, "with probability 0.5 some batches hold mirrored images");
    }

    private static List<TrainingBatch> load(List<Sample> samples, int threads, int epochIndex) throws Exception {
        return load(samples, schedule(threads), PASTE, epochIndex);
    }

    private static List<TrainingBatch> load(List<Sample> samples, Schedule schedule, PasteSpec paste, int epochIndex)
            throws Exception {
        List<TrainingBatch> batches = new ArrayList<>();
        try (BatchLoader loader = new BatchLoader(samples, new NegativePaster(new TestShapes.Discs(), paste), schedule,
                11, m -> { }); BatchLoader.Epoch epoch = loader.epoch(epochIndex, 0)) {
            while (epoch.hasNext()) {
                batches.add(epoch.next());
            }
        }
        return batches;
    }
}

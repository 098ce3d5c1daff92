package org.dhad.engine.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.dhad.api.data.Sample;
import org.dhad.api.data.Split;
import org.dhad.experiment.PasteMode;
import org.dhad.experiment.PasteSpec;
import org.dhad.experiment.Schedule;
import org.junit.jupiter.api.Test;

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

    private static List<List<TrainingBatch>> loadEpochs(List<Sample> samples, long cacheBytes,
            java.util.function.Consumer<ImageCache> cache) throws Exception {
        List<List<TrainingBatch>> epochs = new ArrayList<>();
        try (BatchLoader loader = new BatchLoader(samples, new NegativePaster(new TestShapes.Discs(), PASTE),
                schedule(2), 11, m -> { }, cacheBytes)) {
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

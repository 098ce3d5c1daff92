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

package org.dhad.engine.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.dhad.api.data.Sample;
import org.dhad.api.data.Split;
import org.dhad.engine.PasteMode;
import org.dhad.engine.PasteSpec;
import org.junit.jupiter.api.Test;

/** Batches depend on (seed, epoch, index) only; broken samples are skipped and counted. */
class BatchLoaderTest {

    private static final PasteSpec PASTE = new PasteSpec(PasteMode.MASK, 1, 0.7, 0.1, 0.4, 16);

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
        try (BatchLoader loader = new BatchLoader(samples, new NegativePaster(new TestShapes.Discs(), PASTE), PASTE,
                3, 24, 5, 2, messages::add); BatchLoader.Epoch epoch = loader.epoch(0, 0)) {
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

    private static List<TrainingBatch> load(List<Sample> samples, int threads, int epochIndex) throws Exception {
        List<TrainingBatch> batches = new ArrayList<>();
        try (BatchLoader loader = new BatchLoader(samples, new NegativePaster(new TestShapes.Discs(), PASTE), PASTE,
                3, 24, 11, threads, m -> { }); BatchLoader.Epoch epoch = loader.epoch(epochIndex, 0)) {
            while (epoch.hasNext()) {
                batches.add(epoch.next());
            }
        }
        return batches;
    }
}

package org.dhad.data.synthetic.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.dhad.api.data.DatasetContent;
import org.dhad.api.data.Sample;
import org.dhad.api.data.Split;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Images per second at 128x128, per category and for the whole default dataset. Run with -Ddhad.bench=true. */
class GenerationBenchTest {

    @Test
    void imagesPerSecondAt128() throws Exception {
        Assumptions.assumeTrue(Boolean.getBoolean("dhad.bench"), "benchmark: run with -Ddhad.bench=true");
        DatasetContent content = SyntheticFixtures.open(Map.of());
        List<Sample> all = new ArrayList<>();
        for (String category : content.categories()) {
            List<Sample> samples = new ArrayList<>(content.samples(category, Split.TRAIN));
            samples.addAll(content.samples(category, Split.TEST));
            for (Sample sample : samples) {
                sample.readImage(); // warm-up
            }
            long start = System.nanoTime();
            for (Sample sample : samples) {
                sample.readImage();
            }
            double ms = (System.nanoTime() - start) / 1e6 / samples.size();
            System.out.printf("BENCH synthetic %s: %.2f ms/image (%.0f images/s) over %d images (train + test)%n",
                    category, ms, 1000 / ms, samples.size());
            assertTrue(ms < 5, category + " takes " + ms + " ms per 128x128 image; expected well under 5 ms");
            all.addAll(samples);
        }
        for (int threads : new int[] {1, Runtime.getRuntime().availableProcessors()}) {
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            long start = System.nanoTime();
            List<Future<Integer>> results = new ArrayList<>();
            for (int round = 0; round < 3; round++) {
                for (Sample sample : all) {
                    results.add(pool.submit(() -> sample.readImage().getWidth()));
                }
            }
            for (Future<Integer> result : results) {
                assertEquals(128, result.get(), "width");
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            pool.shutdown();
            System.out.printf("BENCH synthetic all categories: %d images of 128x128 with %d thread(s): %.0f images/s%n",
                    results.size(), threads, results.size() / seconds);
        }
    }
}

package org.dhad.negatives.segmentation.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.dhad.api.data.NegativeSampler;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Patches per second from draw() on ADE20K and CamVid, and index time cold and cached. Report only. */
class DrawSpeedBenchTest {

    @TempDir
    Path cache;

    @Test
    void drawSpeed() throws Exception {
        Assumptions.assumeTrue(Boolean.getBoolean("dhad.bench"), "benchmark: run with -Ddhad.bench=true");
        bench("ADE20K full, class", NegativeFixtures.shared("ade20k_samples"), "class", 60);
        bench("CamVid, class", NegativeFixtures.shared("camvid_subset"), "class", 300);
        bench("CamVid, component", NegativeFixtures.shared("camvid_subset"), "component", 300);
    }

    private void bench(String name, Path root, String shape, int draws) throws Exception {
        Map<String, String> settings = Map.of("root", root.toString(), "shape", shape, "cache-dir", cache.toString());
        long t0 = System.nanoTime();
        NegativeSampler sampler = NegativeFixtures.open("segmentation", settings);
        long t1 = System.nanoTime();
        NegativeFixtures.open("segmentation", settings);
        long t2 = System.nanoTime();
        System.out.printf("BENCH %s: %d shapes; open %.0f ms cold, %.0f ms from cache%n", name, sampler.size(),
                (t1 - t0) / 1e6, (t2 - t1) / 1e6);
        sampler.draw(new SplittableRandom(0));
        for (int threads : new int[] {1, Runtime.getRuntime().availableProcessors()}) {
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            long start = System.nanoTime();
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < draws; i++) {
                int seed = i;
                results.add(pool.submit(() -> sampler.draw(new SplittableRandom(seed)).shape().count()));
            }
            long pixels = 0;
            for (Future<Integer> r : results) {
                pixels += r.get();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            pool.shutdown();
            System.out.printf("BENCH %s: %d draws with %d thread(s): %.1f patches/s (mean shape %d px)%n", name, draws,
                    threads, draws / seconds, pixels / draws);
        }
    }
}

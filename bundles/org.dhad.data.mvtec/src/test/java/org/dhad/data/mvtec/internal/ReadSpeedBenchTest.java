package org.dhad.data.mvtec.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
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

/** Images per second for the grid: decode 1024x1024 PNG to RGB and resize to 256. Report only. */
class ReadSpeedBenchTest {

    private static final int ROUNDS = 3;

    @Test
    void gridDecodeAndResize() throws Exception {
        Assumptions.assumeTrue(Boolean.getBoolean("dhad.bench"), "benchmark: run with -Ddhad.bench=true");
        DatasetContent content = DatasetFixtures.open("mvtec",
                Map.of("root", DatasetFixtures.grid().getParent().toString()));
        List<Sample> samples = new ArrayList<>(content.samples("grid", Split.TRAIN));
        samples.addAll(content.samples("grid", Split.TEST));
        decodeAndResize(samples.get(0)); // warm-up
        for (int threads : new int[] {1, Runtime.getRuntime().availableProcessors()}) {
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            long start = System.nanoTime();
            List<Future<Integer>> results = new ArrayList<>();
            for (int round = 0; round < ROUNDS; round++) {
                for (Sample sample : samples) {
                    results.add(pool.submit(() -> decodeAndResize(sample)));
                }
            }
            for (Future<Integer> result : results) {
                assertEquals(256, result.get(), "resized width");
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            pool.shutdown();
            System.out.printf("BENCH mvtec grid: %d images (1024x1024 grey PNG -> RGB -> 256x256) with %d thread(s): "
                    + "%.1f images/s%n", results.size(), threads, results.size() / seconds);
        }
    }

    private static int decodeAndResize(Sample sample) throws Exception {
        BufferedImage image = sample.readImage();
        BufferedImage small = new BufferedImage(256, 256, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = small.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(image, 0, 0, 256, 256, null);
        g.dispose();
        return small.getWidth();
    }
}

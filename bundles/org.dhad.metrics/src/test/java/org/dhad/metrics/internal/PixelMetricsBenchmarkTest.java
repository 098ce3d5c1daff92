package org.dhad.metrics.internal;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

import org.dhad.api.data.Mask;
import org.dhad.api.metric.EvaluationData;
import org.dhad.api.metric.MetricResult;
import org.dhad.api.metric.ScoreMap;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Times all pixel metrics over one category the size of the whole MVTec AD test set at 256x256
 * (1725 maps, 113 M pixels, about 3% anomalous in elliptic defects, Gaussian scores shifted on
 * defects, so nearly every score is distinct: the worst case for the ranking's size). Runs only with
 * {@code -Ddhad.bench=true}; prints seconds per metric and the peak heap.
 */
class PixelMetricsBenchmarkTest {

    private static final int MAPS = 1725;
    private static final int SIDE = 256;

    @Test
    void allPixelMetricsOn113MillionPixels() throws Exception {
        Assumptions.assumeTrue(Boolean.getBoolean("dhad.bench"),
                "Skipped: benchmark runs only with -Ddhad.bench=true (needs about 3 GB of heap)");
        long t0 = System.nanoTime();
        EvaluationData data = new EvaluationData("mvtec-sized", generate());
        long pixels = data.pixelCount();
        System.out.printf("benchmark: %d maps, %,d pixels generated in %.1f s; heap in use %d MB%n", MAPS,
                pixels, seconds(t0), usedHeapMb());
        System.gc();
        long baseline = usedHeapMb();
        resetPeaks();
        Map<String, Double> values = new LinkedHashMap<>();
        long start = System.nanoTime();
        try (MetricServices services = new MetricServices()) {
            for (String id : List.of("pixel-auroc", "pixel-fpr95", "pixel-ap", "pixel-f1max", "pixel-aupro",
                    "image-auroc")) {
                long t = System.nanoTime();
                MetricResult r = services.get(id).compute(data);
                System.out.printf("benchmark: %-12s = %.6f in %6.2f s (curve %d points)%n", id, r.value(), seconds(t),
                        r.curve().map(c -> c.x().length).orElse(0));
                values.put(id, r.value());
            }
        }
        double total = seconds(start);
        ScoreRanking ranking = ScoreRanking.of(data);
        System.out.printf("benchmark: all six metrics %.2f s on %d cores; %,d distinct scores (%d MB kept)%n", total,
                Runtime.getRuntime().availableProcessors(), ranking.size(), 12L * ranking.size() >> 20);
        System.out.printf("benchmark: heap before metrics %d MB (input 5 bytes/pixel = %d MB), peak during "
                + "metrics %d MB (sum of heap pool peaks), max heap %d MB%n", baseline, 5 * pixels >> 20,
                peakHeapMb(), Runtime.getRuntime().maxMemory() >> 20);
        Assertions.assertTrue(values.get("pixel-auroc") > 0.8 && values.get("pixel-auroc") < 0.95,
                "AUROC of scores shifted by 1.5 sd: " + values);
    }

    /** Maps of 256x256; 73% with one elliptic defect of about 4% of the image. */
    private static List<ScoreMap> generate() {
        ScoreMap[] maps = new ScoreMap[MAPS];
        IntStream.range(0, MAPS).parallel().forEach(m -> {
            SplittableRandom random = new SplittableRandom(1000 + m);
            byte[] mask = new byte[SIDE * SIDE];
            if (random.nextDouble() < 0.73) {
                double cx = random.nextDouble(40, SIDE - 40);
                double cy = random.nextDouble(40, SIDE - 40);
                double a = random.nextDouble(12, 40);
                double b = 2800 / (Math.PI * a); // area about 2800 pixels
                for (int y = 0; y < SIDE; y++) {
                    for (int x = 0; x < SIDE; x++) {
                        double dx = (x - cx) / a;
                        double dy = (y - cy) / b;
                        mask[y * SIDE + x] = (byte) (dx * dx + dy * dy <= 1 ? 1 : 0);
                    }
                }
            }
            float[] scores = new float[SIDE * SIDE];
            for (int i = 0; i < scores.length; i++) {
                scores[i] = (float) (random.nextGaussian() + 1.5 * mask[i]);
            }
            maps[m] = new ScoreMap("bench/" + m, "x", scores, new Mask(SIDE, SIDE, mask));
        });
        return new ArrayList<>(List.of(maps));
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    private static long usedHeapMb() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() >> 20;
    }

    private static void resetPeaks() {
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    private static long peakHeapMb() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                .mapToLong(p -> p.getPeakUsage().getUsed()).sum() >> 20;
    }
}

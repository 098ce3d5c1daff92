package org.dhad.metrics.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import org.dhad.api.metric.MetricException;
import org.dhad.api.metric.ScoreMap;

/**
 * Builds a {@link ScoreRanking} exactly, without sorting or copying the pixels as floats.
 * <p>
 * Each score becomes a 32-bit key whose unsigned order is the float order ({@code -0.0} merged with
 * {@code 0.0}). The high 16 bits pick one of 65,536 buckets; only the low 16 bits are stored:
 * <ol>
 * <li>count pixels per bucket and label, checking every score is finite (parallel over pixel ranges);</li>
 * <li>scatter the low 16 bits into one {@code char[]} grouped by bucket, normal pixels then anomalous
 * ones within a bucket (each thread owns precomputed slots, so the result is deterministic);</li>
 * <li>count each bucket's distinct keys ({@link BucketCounts}, parallel over buckets), then, knowing
 * where each bucket's scores go, count again and write the distinct scores with their counts.</li>
 * </ol>
 * Memory: <b>2 bytes per pixel</b> for the scatter buffer while building, plus 512 KiB of counts per
 * thread, plus what the result keeps: 12 bytes per distinct score and a 256 KiB bucket index.
 * Time is linear in the pixels.
 */
final class RankingBuilder {

    private static final int BUCKET_BITS = 16;
    private static final int BUCKETS = 1 << BUCKET_BITS;
    /** Below this many pixels one thread is faster than splitting. */
    private static final int PARALLEL_MIN_PIXELS = 1 << 20;
    private static final int MAX_THREADS = 16;
    /** Largest Java array the scatter buffer may need. */
    private static final long MAX_PIXELS = Integer.MAX_VALUE - 16;

    /** A range of pixels of one map, the unit of parallel counting and scattering. */
    private record Segment(int map, int from, int to) {
    }

    private RankingBuilder() {
    }

    /** The key of a score: unsigned int order equals float order; {@code -0.0} maps to the key of 0. */
    static int key(float score) {
        int bits = Float.floatToRawIntBits(score + 0.0f);
        return bits ^ ((bits >> 31) | 0x80000000);
    }

    /** The score of a key made by {@link #key(float)}. */
    static float score(int key) {
        return Float.intBitsToFloat(key < 0 ? key ^ 0x80000000 : ~key);
    }

    /**
     * @param category used in messages
     * @throws MetricException when a score is NaN or infinite, or there are too many pixels
     */
    static ScoreRanking build(List<ScoreMap> maps, String category) throws MetricException {
        long total = maps.stream().mapToLong(m -> m.scores().length).sum();
        if (total > MAX_PIXELS) {
            throw new MetricException("Category '" + category + "' has " + total + " pixels; the pixel metrics"
                    + " pool at most " + MAX_PIXELS + " per category");
        }
        int n = (int) total;
        List<List<Segment>> groups = split(maps, n);
        int[][] counts = new int[groups.size()][];
        String[] errors = new String[groups.size()];
        IntStream.range(0, groups.size()).parallel()
                .forEach(g -> errors[g] = count(maps, groups.get(g), counts[g] = new int[2 * BUCKETS]));
        for (String error : errors) {
            if (error != null) {
                throw new MetricException(error + " in category '" + category + "'; metrics need finite scores");
            }
        }
        // start[b]: first slot of bucket b; normal pixels fill it first, then anomalous ones.
        int[] start = new int[BUCKETS + 1];
        int[] normals = new int[BUCKETS];
        int positives = 0;
        for (int b = 0; b < BUCKETS; b++) {
            int neg = 0;
            int pos = 0;
            for (int[] c : counts) {
                neg += c[b << 1];
                pos += c[(b << 1) | 1];
            }
            normals[b] = neg;
            positives += pos;
            start[b + 1] = start[b] + neg + pos;
        }
        toCursors(counts, start, normals);
        char[] lows = new char[n];
        IntStream.range(0, groups.size()).parallel().forEach(g -> scatter(maps, groups.get(g), counts[g], lows));

        int[][] tasks = bucketTasks(start, groups.size());
        int[] distinct = new int[BUCKETS + 1];
        IntStream.range(0, tasks.length).parallel().forEach(t -> {
            BucketCounts reducer = new BucketCounts();
            for (int b = tasks[t][0]; b < tasks[t][1]; b++) {
                distinct[b] = reducer.distinct(lows, start[b], start[b] + normals[b], start[b + 1]);
            }
        });
        // distinct[b] becomes the ascending rank of bucket b's first distinct score (kept for lookups).
        int d = 0;
        for (int b = 0; b <= BUCKETS; b++) {
            int c = distinct[b];
            distinct[b] = d;
            d += c;
        }
        float[] thresholds = new float[d];
        int[] tp = new int[d];
        int[] fp = new int[d];
        IntStream.range(0, tasks.length).parallel().forEach(t -> {
            BucketCounts reducer = new BucketCounts();
            for (int b = tasks[t][0]; b < tasks[t][1]; b++) {
                reducer.write(lows, start[b], start[b] + normals[b], start[b + 1], b, distinct[b], thresholds, tp, fp);
            }
        });
        for (int k = 1; k < d; k++) {
            tp[k] += tp[k - 1];
            fp[k] += fp[k - 1];
        }
        return new ScoreRanking(thresholds, tp, fp, positives, n - positives, distinct);
    }

    /** Splits all pixels into contiguous segments of about equal size, one list per thread. */
    private static List<List<Segment>> split(List<ScoreMap> maps, int n) {
        int threads = n < PARALLEL_MIN_PIXELS ? 1
                : Math.min(MAX_THREADS, Runtime.getRuntime().availableProcessors());
        long share = Math.max(1, (n + (long) threads - 1) / threads);
        List<List<Segment>> groups = new ArrayList<>();
        List<Segment> current = new ArrayList<>();
        long filled = 0;
        for (int m = 0; m < maps.size(); m++) {
            int length = maps.get(m).scores().length;
            int from = 0;
            while (from < length) {
                int to = (int) Math.min(length, from + (share - filled));
                current.add(new Segment(m, from, to));
                filled += to - from;
                from = to;
                if (filled == share) {
                    groups.add(current);
                    current = new ArrayList<>();
                    filled = 0;
                }
            }
        }
        if (!current.isEmpty() || groups.isEmpty()) {
            groups.add(current);
        }
        return groups;
    }

    /** Pass 1: counts per (bucket, label); returns the first non-finite score's description, or null. */
    private static String count(List<ScoreMap> maps, List<Segment> segments, int[] counts) {
        for (Segment s : segments) {
            ScoreMap map = maps.get(s.map());
            float[] scores = map.scores();
            byte[] labels = map.truth().pixels();
            for (int i = s.from(); i < s.to(); i++) {
                float v = scores[i];
                if (!(Math.abs(v) <= Float.MAX_VALUE)) {
                    return nonFinite(map, i);
                }
                counts[((key(v) >>> BUCKET_BITS) << 1) | anomalous(labels[i])]++;
            }
        }
        return null;
    }

    /** Names the image, the kind of bad value and the pixel position of score {@code i} of {@code map}. */
    static String nonFinite(ScoreMap map, int i) {
        float v = map.scores()[i];
        return "Score map '" + map.imageId() + "' has " + (Float.isNaN(v) ? "a NaN" : "an infinite (" + v + ")")
                + " score at pixel (x=" + i % map.width() + ", y=" + i / map.width() + ")";
    }

    private static int anomalous(byte label) {
        return ((label & 0xff) + 0xff) >>> 8;
    }

    /** Turns each thread's counts into its first slot per (bucket, label), threads in order. */
    private static void toCursors(int[][] counts, int[] start, int[] normals) {
        for (int b = 0; b < BUCKETS; b++) {
            int neg = start[b];
            int pos = start[b] + normals[b];
            for (int[] c : counts) {
                int n = c[b << 1];
                int p = c[(b << 1) | 1];
                c[b << 1] = neg;
                c[(b << 1) | 1] = pos;
                neg += n;
                pos += p;
            }
        }
    }

    /** Pass 2: writes each pixel's low key bits into its slot. */
    private static void scatter(List<ScoreMap> maps, List<Segment> segments, int[] cursors, char[] lows) {
        for (Segment s : segments) {
            ScoreMap map = maps.get(s.map());
            float[] scores = map.scores();
            byte[] labels = map.truth().pixels();
            for (int i = s.from(); i < s.to(); i++) {
                int key = key(scores[i]);
                lows[cursors[((key >>> BUCKET_BITS) << 1) | anomalous(labels[i])]++] = (char) key;
            }
        }
    }

    /** Bucket ranges {from, to} holding about equal numbers of pixels, a few per thread. */
    private static int[][] bucketTasks(int[] start, int threads) {
        int wanted = threads == 1 ? 1 : 8 * threads;
        long share = Math.max(1, ((long) start[BUCKETS] + wanted - 1) / wanted);
        List<int[]> tasks = new ArrayList<>();
        int from = 0;
        for (int b = 0; b < BUCKETS; b++) {
            if ((long) start[b + 1] - start[from] >= share) {
                tasks.add(new int[] {from, b + 1});
                from = b + 1;
            }
        }
        if (from < BUCKETS) {
            tasks.add(new int[] {from, BUCKETS});
        }
        return tasks.toArray(new int[0][]);
    }
}

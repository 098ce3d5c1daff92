package org.dhad.metrics.internal;

import java.util.Arrays;

/**
 * Reduces one bucket of the {@link RankingBuilder}'s scatter buffer, its normal pixels' low 16 key
 * bits in {@code [from, mid)} and its anomalous pixels' in {@code [mid, to)}, to distinct values with
 * their counts. Dense buckets are counted in two 64 Ki tables without moving data; sparse ones (value
 * range over 8 times the pixel count) are sorted in place and merged. One instance per thread: it
 * owns 512 KiB of tables, left zeroed after each call.
 */
final class BucketCounts {

    private static final int VALUES = 1 << 16;

    private final int[] normal = new int[VALUES];
    private final int[] anomalous = new int[VALUES];

    /** The number of distinct values in the bucket. */
    int distinct(char[] lows, int from, int mid, int to) {
        return reduce(lows, from, mid, to, 0, 0, null, null, null);
    }

    /**
     * Writes the bucket's distinct scores, highest first, ending at descending index
     * {@code thresholds.length - 1 - rank}: score, anomalous count, normal count.
     *
     * @param high the bucket: the high 16 key bits
     * @param rank ascending rank of the bucket's lowest distinct score
     */
    void write(char[] lows, int from, int mid, int to, int high, int rank, float[] thresholds, int[] tp, int[] fp) {
        reduce(lows, from, mid, to, high, rank, thresholds, tp, fp);
    }

    private int reduce(char[] a, int from, int mid, int to, int high, int rank, float[] thresholds, int[] tp,
            int[] fp) {
        if (from == to) {
            return 0;
        }
        int min = Character.MAX_VALUE;
        int max = 0;
        for (int i = from; i < to; i++) {
            min = Math.min(min, a[i]);
            max = Math.max(max, a[i]);
        }
        if (max - min + 1 > 8L * (to - from)) {
            Arrays.sort(a, from, mid);
            Arrays.sort(a, mid, to);
            return merge(a, from, mid, to, high, rank, thresholds, tp, fp);
        }
        for (int i = from; i < mid; i++) {
            normal[a[i] - min]++;
        }
        for (int i = mid; i < to; i++) {
            anomalous[a[i] - min]++;
        }
        int distinct = 0;
        int top = thresholds == null ? 0 : thresholds.length - 1 - rank;
        for (int v = 0; v <= max - min; v++) {
            int n = normal[v];
            int p = anomalous[v];
            if ((n | p) != 0) {
                normal[v] = 0;
                anomalous[v] = 0;
                if (thresholds != null) {
                    int k = top - distinct;
                    thresholds[k] = RankingBuilder.score((high << 16) | (v + min));
                    tp[k] = p;
                    fp[k] = n;
                }
                distinct++;
            }
        }
        return distinct;
    }

    /** Walks the two sorted parts in step, as {@link #reduce} does with its tables. */
    private static int merge(char[] a, int from, int mid, int to, int high, int rank, float[] thresholds, int[] tp,
            int[] fp) {
        int i = from;
        int j = mid;
        int distinct = 0;
        while (i < mid || j < to) {
            char v = i < mid && (j >= to || a[i] <= a[j]) ? a[i] : a[j];
            int n = 0;
            while (i < mid && a[i] == v) {
                n++;
                i++;
            }
            int p = 0;
            while (j < to && a[j] == v) {
                p++;
                j++;
            }
            if (thresholds != null) {
                int k = thresholds.length - 1 - (rank + distinct);
                thresholds[k] = RankingBuilder.score((high << 16) | v);
                tp[k] = p;
                fp[k] = n;
            }
            distinct++;
        }
        return distinct;
    }
}

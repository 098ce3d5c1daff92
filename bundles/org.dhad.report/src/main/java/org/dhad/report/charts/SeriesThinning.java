package org.dhad.report.charts;

/**
 * Thins a series to at most a given number of points by Largest-Triangle-Three-Buckets (Steinarsson, 2013):
 * the first and last points are kept, the points between are cut into equal buckets by index, and each bucket
 * keeps the point spanning the largest triangle with the point kept before it and the mean of the next bucket.
 * Peaks, steps and bends survive, so a thinned loss log or ROC curve looks like the full one. Works by index,
 * so x may repeat or go back (a resumed training log).
 */
final class SeriesThinning {

    private SeriesThinning() {
    }

    /** Indices of the points to keep, ascending; all of them when {@code x.length <= max}. */
    static int[] keep(double[] x, double[] y, int max) {
        int n = x.length;
        if (max < 3) {
            throw new IllegalArgumentException("Thinning to " + max + " points; expected at least 3");
        }
        if (n <= max) {
            int[] all = new int[n];
            for (int i = 0; i < n; i++) {
                all[i] = i;
            }
            return all;
        }
        int[] kept = new int[max];
        int buckets = max - 2;
        double size = (double) (n - 2) / buckets;
        int previous = 0;
        kept[0] = 0;
        for (int b = 0; b < buckets; b++) {
            int from = 1 + (int) Math.floor(b * size);
            int to = Math.min(n - 1, 1 + (int) Math.floor((b + 1) * size));
            // the next bucket's mean; for the last bucket, the last point
            int nextFrom = to;
            int nextTo = Math.min(n, 1 + (int) Math.floor((b + 2) * size));
            if (b == buckets - 1) {
                nextFrom = n - 1;
                nextTo = n;
            }
            double meanX = 0;
            double meanY = 0;
            int counted = 0;
            for (int i = nextFrom; i < nextTo; i++) {
                if (Double.isFinite(y[i])) {
                    meanX += x[i];
                    meanY += y[i];
                    counted++;
                }
            }
            meanX = counted == 0 ? x[nextFrom] : meanX / counted;
            meanY = counted == 0 ? y[previous] : meanY / counted;
            int best = from;
            double bestArea = -1;
            for (int i = from; i < to; i++) {
                double area = Math.abs((x[previous] - meanX) * (y[i] - y[previous])
                        - (x[previous] - x[i]) * (meanY - y[previous]));
                if (area > bestArea) {
                    bestArea = area;
                    best = i;
                }
            }
            kept[b + 1] = best;
            previous = best;
        }
        kept[max - 1] = n - 1;
        return kept;
    }
}

package org.dhad.data.synthetic.internal;

import java.util.SplittableRandom;

/** Rasterised defect shapes on a square canvas: irregular blobs and thick polylines, clipped to the image. */
final class Footprints {

    private Footprints() {
    }

    /** A blob whose radius varies with angle by a few random harmonics of relative amplitude {@code rough}. */
    static boolean[] blob(int size, double cx, double cy, double radius, double rough, SplittableRandom random) {
        double[] amplitude = new double[4];
        double[] phase = new double[4];
        double sum = 0;
        for (int k = 0; k < 4; k++) {
            amplitude[k] = rough * random.nextDouble() / (k + 1);
            phase[k] = random.nextDouble() * 2 * Math.PI;
            sum += amplitude[k];
        }
        boolean[] mask = new boolean[size * size];
        double reach = radius * (1 + sum) + 1;
        for (int y = lo(cy - reach); y <= hi(cy + reach, size); y++) {
            for (int x = lo(cx - reach); x <= hi(cx + reach, size); x++) {
                double dx = x + 0.5 - cx;
                double dy = y + 0.5 - cy;
                double theta = Math.atan2(dy, dx);
                double r = radius;
                for (int k = 0; k < 4; k++) {
                    r += radius * amplitude[k] * Math.cos((k + 2) * theta + phase[k]);
                }
                mask[y * size + x] = dx * dx + dy * dy < r * r;
            }
        }
        return mask;
    }

    /** Marks pixels whose centre lies within {@code width / 2} of the polyline. */
    static void stroke(boolean[] mask, int size, double[] xs, double[] ys, double width) {
        double half = width / 2;
        for (int s = 0; s + 1 < xs.length; s++) {
            double ax = xs[s];
            double ay = ys[s];
            double bx = xs[s + 1];
            double by = ys[s + 1];
            double lengthSq = (bx - ax) * (bx - ax) + (by - ay) * (by - ay);
            for (int y = lo(Math.min(ay, by) - half - 1); y <= hi(Math.max(ay, by) + half + 1, size); y++) {
                for (int x = lo(Math.min(ax, bx) - half - 1); x <= hi(Math.max(ax, bx) + half + 1, size); x++) {
                    double px = x + 0.5;
                    double py = y + 0.5;
                    double t = lengthSq == 0 ? 0 : ((px - ax) * (bx - ax) + (py - ay) * (by - ay)) / lengthSq;
                    t = Math.max(0, Math.min(1, t));
                    double dx = px - (ax + t * (bx - ax));
                    double dy = py - (ay + t * (by - ay));
                    if (dx * dx + dy * dy <= half * half) {
                        mask[y * size + x] = true;
                    }
                }
            }
        }
    }

    /** Keeps only pixels inside {@code region}; returns the number kept. */
    static int clip(boolean[] mask, boolean[] region) {
        int n = 0;
        for (int i = 0; i < mask.length; i++) {
            mask[i] &= region[i];
            n += mask[i] ? 1 : 0;
        }
        return n;
    }

    private static int lo(double v) {
        return Math.max(0, (int) Math.floor(v));
    }

    private static int hi(double v, int size) {
        return Math.min(size - 1, (int) Math.ceil(v));
    }
}

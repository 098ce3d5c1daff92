package org.dhad.data.synthetic.internal;

/**
 * Smooth value noise on an integer lattice, hashed from a seed, so that any pixel can be evaluated on its
 * own and the same seed always gives the same field. Values lie in {@code [0, 1)}.
 */
final class ValueNoise {

    private final long seed;

    ValueNoise(long seed) {
        this.seed = seed;
    }

    /** A hash of a lattice point mapped to {@code [0, 1)}. */
    double lattice(int x, int y) {
        return unit(seed, x, y);
    }

    /** Bilinear interpolation of lattice values with a smoothstep fade. */
    double at(double x, double y) {
        int ix = (int) Math.floor(x);
        int iy = (int) Math.floor(y);
        double fx = fade(x - ix);
        double fy = fade(y - iy);
        double top = lerp(unit(seed, ix, iy), unit(seed, ix + 1, iy), fx);
        double bottom = lerp(unit(seed, ix, iy + 1), unit(seed, ix + 1, iy + 1), fx);
        return lerp(top, bottom, fy);
    }

    /** Fractal sum of {@code octaves} octaves, each twice the frequency and half the weight; in {@code [0, 1)}. */
    double fbm(double x, double y, int octaves) {
        double sum = 0;
        double weight = 0.5;
        double total = 0;
        for (int o = 0; o < octaves; o++) {
            sum += weight * at(x, y);
            total += weight;
            // Offset each octave so that lattice points do not line up.
            x = x * 2 + 17.3;
            y = y * 2 + 5.9;
            weight *= 0.5;
        }
        return sum / total;
    }

    /** A value in {@code [0, 1)} for a seed and two coordinates; SplitMix64 finaliser. */
    static double unit(long seed, long a, long b) {
        return (mix(seed ^ (a * 0x9E3779B97F4A7C15L) ^ (b * 0xC2B2AE3D27D4EB4FL)) >>> 11) * 0x1.0p-53;
    }

    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    static double lerp(double a, double b, double t) {
        return a + (b - a) * t;
    }

    private static double fade(double t) {
        return t * t * (3 - 2 * t);
    }
}

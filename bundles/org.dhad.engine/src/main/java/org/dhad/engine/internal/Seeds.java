package org.dhad.engine.internal;

import java.util.SplittableRandom;

/**
 * Seeds derived from the experiment seed and a position (epoch, sample index, step), so that every
 * random choice is a function of where it happens and not of thread timing or of a resume.
 */
final class Seeds {

    private Seeds() {
    }

    /** A 64-bit mix of the seed and the parts (SplitMix64 finaliser over each). */
    static long mix(long seed, long... parts) {
        long h = seed ^ 0x9E3779B97F4A7C15L;
        for (long part : parts) {
            h = finalise(h + 0x9E3779B97F4A7C15L * (part + 1));
        }
        return h;
    }

    /** A generator for one (seed, parts) position. */
    static SplittableRandom random(long seed, long... parts) {
        return new SplittableRandom(mix(seed, parts));
    }

    /** An int seed for the engine's random generator (dropout, initialisation). */
    static int engineSeed(long seed, long... parts) {
        return (int) (mix(seed, parts) >>> 33);
    }

    /** The order of {@code n} samples in one epoch: a Fisher-Yates shuffle seeded by (seed, epoch). */
    static int[] permutation(long seed, int epoch, int n) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        SplittableRandom random = random(seed, 1, epoch);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    private static long finalise(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}

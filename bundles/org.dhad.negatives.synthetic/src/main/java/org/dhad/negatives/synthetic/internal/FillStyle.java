package org.dhad.negatives.synthetic.internal;

import java.awt.Color;
import java.util.random.RandomGenerator;

/**
 * Pixel fills of negative patches: saturated colours in smooth or regular patterns, so that pasted
 * negatives look like nothing an industrial defect looks like.
 */
enum FillStyle {

    LINEAR_GRADIENT("linear-gradient") {
        @Override
        Fill pattern(int width, int height, RandomGenerator random) {
            int a = vivid(random);
            int b = vivid(random);
            double angle = random.nextDouble() * 2 * Math.PI;
            double span = Math.abs(width * Math.cos(angle)) + Math.abs(height * Math.sin(angle)) + 1;
            return (x, y) -> blend(a, b, 0.5 + ((x - width / 2.0) * Math.cos(angle) + (y - height / 2.0) * Math.sin(angle)) / span);
        }
    },

    RADIAL_GRADIENT("radial-gradient") {
        @Override
        Fill pattern(int width, int height, RandomGenerator random) {
            int a = vivid(random);
            int b = vivid(random);
            double cx = width * random.nextDouble();
            double cy = height * random.nextDouble();
            double reach = Math.hypot(width, height) * (0.4 + 0.4 * random.nextDouble());
            double rings = 1 + random.nextInt(3);
            return (x, y) -> blend(a, b, 0.5 + 0.5 * Math.cos(Math.PI * rings * Math.hypot(x - cx, y - cy) / reach));
        }
    },

    STRIPES("stripes") {
        @Override
        Fill pattern(int width, int height, RandomGenerator random) {
            int[] colours = {vivid(random), vivid(random), vivid(random)};
            int count = 2 + random.nextInt(2);
            double period = 2 + 6 * random.nextDouble();
            double angle = random.nextDouble() * Math.PI;
            return (x, y) -> colours[Math.floorMod((int) Math.floor((x * Math.cos(angle) + y * Math.sin(angle)) / period),
                    count)];
        }
    },

    CHECKERBOARD("checkerboard") {
        @Override
        Fill pattern(int width, int height, RandomGenerator random) {
            int a = vivid(random);
            int b = vivid(random);
            double cell = 2 + 5 * random.nextDouble();
            double angle = random.nextDouble() * Math.PI / 2;
            double cos = Math.cos(angle);
            double sin = Math.sin(angle);
            return (x, y) -> ((int) Math.floor((x * cos + y * sin) / cell) + (int) Math.floor((y * cos - x * sin) / cell)
                    & 1) == 0 ? a : b;
        }
    },

    COLOUR_NOISE("colour-noise") {
        @Override
        Fill pattern(int width, int height, RandomGenerator random) {
            long seed = random.nextLong();
            double cell = 1.5 + 4 * random.nextDouble();
            return (x, y) -> Color.HSBtoRGB((float) noise(seed, x / cell, y / cell),
                    (float) (0.6 + 0.4 * noise(seed ^ 0x1234567L, x / cell, y / cell)),
                    (float) (0.55 + 0.45 * noise(seed ^ 0x7654321L, x / cell, y / cell))) & 0xFFFFFF;
        }
    },

    PLASMA("plasma") {
        @Override
        Fill pattern(int width, int height, RandomGenerator random) {
            double[] f = new double[6];
            for (int n = 0; n < 6; n++) {
                f[n] = (0.1 + 0.5 * random.nextDouble()) * (random.nextBoolean() ? 1 : -1);
            }
            double hue = random.nextDouble();
            return (x, y) -> {
                double v = Math.sin(f[0] * x + f[1] * y) + Math.sin(f[2] * x - f[3] * y) + Math.sin(Math.hypot(f[4] * x, f[5] * y));
                return Color.HSBtoRGB((float) (hue + v / 6), 0.85f, 0.95f) & 0xFFFFFF;
            };
        }
    };

    /** Colour of one patch pixel. */
    interface Fill {
        int at(int x, int y);
    }

    private final String label;

    FillStyle(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }

    /** A new pattern for a patch of the given size. */
    abstract Fill pattern(int width, int height, RandomGenerator random);

    /** A saturated, fairly bright colour. */
    static int vivid(RandomGenerator random) {
        return Color.HSBtoRGB(random.nextFloat(), 0.55f + 0.45f * random.nextFloat(), 0.6f + 0.4f * random.nextFloat())
                & 0xFFFFFF;
    }

    static int blend(int a, int b, double t) {
        t = Math.max(0, Math.min(1, t));
        int r = (int) Math.round((a >> 16 & 0xFF) * (1 - t) + (b >> 16 & 0xFF) * t);
        int g = (int) Math.round((a >> 8 & 0xFF) * (1 - t) + (b >> 8 & 0xFF) * t);
        int bl = (int) Math.round((a & 0xFF) * (1 - t) + (b & 0xFF) * t);
        return r << 16 | g << 8 | bl;
    }

    /** Smooth value noise in {@code [0, 1)} hashed from a seed. */
    static double noise(long seed, double x, double y) {
        int ix = (int) Math.floor(x);
        int iy = (int) Math.floor(y);
        double fx = x - ix;
        double fy = y - iy;
        fx = fx * fx * (3 - 2 * fx);
        fy = fy * fy * (3 - 2 * fy);
        double top = lattice(seed, ix, iy) * (1 - fx) + lattice(seed, ix + 1, iy) * fx;
        double bottom = lattice(seed, ix, iy + 1) * (1 - fx) + lattice(seed, ix + 1, iy + 1) * fx;
        return top * (1 - fy) + bottom * fy;
    }

    private static double lattice(long seed, int x, int y) {
        long z = seed ^ (x * 0x9E3779B97F4A7C15L) ^ (y * 0xC2B2AE3D27D4EB4FL);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return ((z ^ (z >>> 31)) >>> 11) * 0x1.0p-53;
    }
}

package org.dhad.data.synthetic.internal;

import java.util.SplittableRandom;

/** Noise-based natural textures: wood grain with growth rings, and pebbled leather. */
final class NoiseTextures {

    private NoiseTextures() {
    }

    /** Roughly horizontal growth rings bent by noise, with fine streaks along the grain. */
    static Canvas wood(int size, SplittableRandom random) {
        double angle = Math.toRadians(-6 + 12 * random.nextDouble());
        double rings = (9 + 5 * random.nextDouble()) / size;
        double phase = random.nextDouble() * 10;
        double tone = 0.94 + 0.12 * random.nextDouble();
        ValueNoise warp = new ValueNoise(random.nextLong());
        ValueNoise grain = new ValueNoise(random.nextLong());
        double cos = Math.cos(angle);
        double sin = Math.sin(angle);
        int[] rgb = new int[size * size];
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                double a = (cos * x + sin * y) / size;
                double b = (-sin * x + cos * y) / size;
                double t = b * size * rings + 2.0 * warp.fbm(a * 2 + phase, b * 2, 3) + 0.3 * Math.sin(a * 4.4 + phase);
                double ring = t - Math.floor(t);
                // Early wood pale and wide, late wood darker and narrow.
                double band = ring < 0.72 ? ring / 0.72 * 0.3 : 0.3 + (ring - 0.72) / 0.28 * 0.7;
                double streak = grain.at(a * 3 + phase, b * 70);
                double k = Math.max(0, Math.min(1, 0.85 * band + 0.45 * (streak - 0.5)));
                double pore = tone * (0.94 + 0.12 * grain.at(a * 40, b * 40 + 100));
                rgb[y * size + x] = Canvas.rgb(ValueNoise.lerp(208, 128, k) * pore, ValueNoise.lerp(160, 80, k) * pore,
                        ValueNoise.lerp(106, 42, k) * pore);
            }
        }
        return Canvas.texture(size, rgb);
    }

    /** Brown leather: cellular pebbles separated by dark creases, under blotchy tone. */
    static Canvas leather(int size, SplittableRandom random) {
        double cell = size / (20.0 + 4 * random.nextDouble());
        double tone = 0.92 + 0.16 * random.nextDouble();
        long cells = random.nextLong();
        ValueNoise blotch = new ValueNoise(random.nextLong());
        int[] rgb = new int[size * size];
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                double cx = x / cell;
                double cy = y / cell;
                int ix = (int) Math.floor(cx);
                int iy = (int) Math.floor(cy);
                double f1 = 9;
                double f2 = 9;
                for (int dy = -1; dy <= 1; dy++) {
                    for (int dx = -1; dx <= 1; dx++) {
                        double px = ix + dx + ValueNoise.unit(cells, ix + dx, iy + dy);
                        double py = iy + dy + ValueNoise.unit(cells ^ 0x5DEECE66DL, ix + dx, iy + dy);
                        double d = (px - cx) * (px - cx) + (py - cy) * (py - cy);
                        if (d < f1) {
                            f2 = f1;
                            f1 = d;
                        } else if (d < f2) {
                            f2 = d;
                        }
                    }
                }
                double edge = Math.sqrt(f2) - Math.sqrt(f1);
                double crease = 0.5 + 0.5 * Math.min(1, edge / 0.22);
                double dome = 0.85 + 0.15 * (1 - Math.min(1, Math.sqrt(f1)));
                double b = blotch.fbm((double) x / size * 4, (double) y / size * 4, 3);
                double fine = 0.93 + 0.14 * blotch.at(x * 0.6 + 300, y * 0.6);
                double k = tone * crease * dome * (0.78 + 0.44 * b) * fine;
                rgb[y * size + x] = Canvas.rgb(132 * k, 78 * k, 46 * k);
            }
        }
        return Canvas.texture(size, rgb);
    }
}

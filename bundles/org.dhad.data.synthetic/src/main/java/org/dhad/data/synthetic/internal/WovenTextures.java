package org.dhad.data.synthetic.internal;

import java.util.SplittableRandom;

/**
 * Periodic textures: plain-weave fabric and a woven metal mesh. Both are drawn in rotated, shifted
 * lattice coordinates so that every image has a slightly different pose, and carry fibre noise and
 * uneven lighting so that no two are pixel-identical.
 */
final class WovenTextures {

    private WovenTextures() {
    }

    /** Blue warp over beige weft in plain weave; about 16 threads across the image. */
    static Canvas fabric(int size, SplittableRandom random) {
        double period = size / 16.0 * (0.97 + 0.06 * random.nextDouble());
        double angle = Math.toRadians(-3 + 6 * random.nextDouble());
        double ox = random.nextDouble() * 64;
        double oy = random.nextDouble() * 64;
        double tone = 0.94 + 0.12 * random.nextDouble();
        ValueNoise noise = new ValueNoise(random.nextLong());
        double cos = Math.cos(angle);
        double sin = Math.sin(angle);
        int[] rgb = new int[size * size];
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                double u = (cos * x + sin * y) / period + ox;
                double v = (-sin * x + cos * y) / period + oy;
                int i = (int) Math.floor(u);
                int j = (int) Math.floor(v);
                boolean warpUp = ((i + j) & 1) == 0;
                double across = warpUp ? u - i : v - j;
                double along = warpUp ? v - j : u - i;
                int thread = warpUp ? i : j;
                // Bright thread crest, dark gaps between threads, dimmer where the thread dips under.
                double shade = Math.sqrt(Math.sin(Math.PI * across)) * (0.72 + 0.28 * Math.sin(Math.PI * along));
                double jitter = 0.9 + 0.2 * noise.lattice(thread, warpUp ? 1 : 2);
                double fibre = 0.9 + 0.2 * noise.at(u * 5.3, v * 5.3);
                double light = tone * (0.88 + 0.24 * noise.fbm((double) x / size * 3, (double) y / size * 3, 2));
                double k = (0.22 + 0.78 * shade) * jitter * fibre * light;
                rgb[y * size + x] = warpUp ? Canvas.rgb(66 * k, 88 * k, 132 * k) : Canvas.rgb(200 * k, 188 * k, 160 * k);
            }
        }
        return Canvas.texture(size, rgb);
    }

    /** Grey woven wire mesh on a dark backing; about 9 cells across the image. */
    static Canvas grid(int size, SplittableRandom random) {
        double period = size / 9.0 * (0.97 + 0.06 * random.nextDouble());
        double angle = Math.toRadians(-2 + 4 * random.nextDouble());
        double ox = random.nextDouble() * 32;
        double oy = random.nextDouble() * 32;
        double halfWire = 0.14 + 0.02 * random.nextDouble();
        ValueNoise noise = new ValueNoise(random.nextLong());
        double cos = Math.cos(angle);
        double sin = Math.sin(angle);
        int[] rgb = new int[size * size];
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                double u = (cos * x + sin * y) / period + ox;
                double v = (-sin * x + cos * y) / period + oy;
                int i = (int) Math.floor(u);
                int j = (int) Math.floor(v);
                double du = Math.abs(u - i - 0.5);
                double dv = Math.abs(v - j - 0.5);
                double light = 0.85 + 0.3 * noise.fbm((double) x / size * 2, (double) y / size * 2, 2);
                boolean onVertical = du < halfWire;
                boolean onHorizontal = dv < halfWire;
                double k;
                if (onVertical || onHorizontal) {
                    boolean verticalUp = ((i + j) & 1) == 0;
                    boolean vertical = onVertical && (!onHorizontal || verticalUp);
                    double p = (vertical ? du : dv) / halfWire;
                    // Height of the wire along its length: up over one crossing, down under the next.
                    double along = vertical ? v - j : u - i;
                    double height = Math.cos(Math.PI * (along - 0.5)) * (verticalUp == vertical ? 1 : -1);
                    double crest = Math.sqrt(1 - p * p);
                    k = (60 + 170 * crest * crest) * (0.82 + 0.18 * height) * (0.92 + 0.16 * noise.at(u * 7, v * 7));
                } else {
                    double gap = Math.min(du, dv) - halfWire;
                    double shadow = 0.55 + 0.45 * Math.min(1, gap / 0.12);
                    k = 34 * shadow * (0.8 + 0.4 * noise.at(x * 0.35, y * 0.35));
                }
                k *= light;
                rgb[y * size + x] = Canvas.rgb(k, k * 1.01, k * 1.05);
            }
        }
        return Canvas.texture(size, rgb);
    }
}

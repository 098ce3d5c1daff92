package org.dhad.data.synthetic.internal;

import java.util.SplittableRandom;

/**
 * Single objects on a plain background in a slightly random pose: a speckled capsule pill on a dark tray and
 * a metal screw lying on a light table. The region of a canvas is the object; its background is the same
 * render without the object.
 */
final class ObjectRenders {

    private ObjectRenders() {
    }

    /** White capsule with red speckles, nearly horizontal, on dark brown. */
    static Canvas pill(int size, SplittableRandom random) {
        double cx = size * (0.5 + 0.06 * (random.nextDouble() - 0.5));
        double cy = size * (0.5 + 0.06 * (random.nextDouble() - 0.5));
        double angle = Math.toRadians(-12 + 24 * random.nextDouble());
        double half = size * 0.37 * (0.97 + 0.06 * random.nextDouble());
        double radius = size * 0.19 * (0.97 + 0.06 * random.nextDouble());
        int speckles = 12 + random.nextInt(14);
        double[] sx = new double[speckles];
        double[] sy = new double[speckles];
        double[] sr = new double[speckles];
        for (int n = 0; n < speckles; n++) {
            // Uniform in the capsule's local frame, kept off the rim.
            double px;
            double py;
            do {
                px = (2 * random.nextDouble() - 1) * half;
                py = (2 * random.nextDouble() - 1) * radius;
            } while (capsule(px, py, half, radius) > 0.85);
            sx[n] = px;
            sy[n] = py;
            sr[n] = size * (0.006 + 0.007 * random.nextDouble());
        }
        ValueNoise noise = new ValueNoise(random.nextLong());
        double cos = Math.cos(angle);
        double sin = Math.sin(angle);
        int[] rgb = new int[size * size];
        int[] background = new int[size * size];
        boolean[] region = new boolean[size * size];
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                int i = y * size + x;
                double tray = 0.82 + 0.3 * noise.fbm((double) x / size * 5, (double) y / size * 5, 3)
                        + 0.08 * (noise.at(x * 0.8, y * 0.8 + 500) - 0.5);
                background[i] = Canvas.rgb(54 * tray, 48 * tray, 42 * tray);
                double lx = cos * (x + 0.5 - cx) + sin * (y + 0.5 - cy);
                double ly = -sin * (x + 0.5 - cx) + cos * (y + 0.5 - cy);
                double r = capsule(lx, ly, half, radius);
                if (r >= 1) {
                    rgb[i] = background[i];
                    continue;
                }
                region[i] = true;
                double nz = Math.sqrt(1 - r * r);
                double shade = (0.6 + 0.4 * nz) * (1 - 0.06 * ly / radius) * (0.97 + 0.06 * noise.at(lx * 0.5, ly * 0.5));
                int colour = Canvas.rgb(230 * shade, 226 * shade, 214 * shade);
                for (int n = 0; n < speckles; n++) {
                    double ddx = lx - sx[n];
                    double ddy = ly - sy[n];
                    if (ddx * ddx + ddy * ddy < sr[n] * sr[n]) {
                        colour = Canvas.rgb(170 * shade, 52 * shade, 44 * shade);
                        break;
                    }
                }
                rgb[i] = colour;
            }
        }
        return new Canvas(size, rgb, region, background);
    }

    /** Distance from the capsule's axis segment relative to its radius: below 1 inside. */
    private static double capsule(double lx, double ly, double half, double radius) {
        double along = Math.max(-(half - radius), Math.min(half - radius, lx));
        double dx = lx - along;
        return Math.sqrt(dx * dx + ly * ly) / radius;
    }

    /** Threaded screw with a round head at any angle on light grey. */
    static Canvas screw(int size, SplittableRandom random) {
        double cx = size * (0.5 + 0.08 * (random.nextDouble() - 0.5));
        double cy = size * (0.5 + 0.08 * (random.nextDouble() - 0.5));
        double angle = random.nextDouble() * 2 * Math.PI;
        double length = size * 0.62 * (0.97 + 0.06 * random.nextDouble());
        double headLength = size * 0.13;
        double headHalf = size * 0.11;
        double shank = size * 0.05;
        double tip = size * 0.12;
        double pitch = size * 0.045;
        double depth = size * 0.018;
        double neck = -length / 2 + headLength + 0.08 * length;
        ValueNoise noise = new ValueNoise(random.nextLong());
        double cos = Math.cos(angle);
        double sin = Math.sin(angle);
        int[] rgb = new int[size * size];
        int[] background = new int[size * size];
        boolean[] region = new boolean[size * size];
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                int i = y * size + x;
                double table = (0.9 + 0.12 * noise.fbm((double) x / size * 3, (double) y / size * 3, 2))
                        * (1 - 0.12 * Math.hypot(x - size / 2.0, y - size / 2.0) / size);
                background[i] = Canvas.rgb(204 * table, 203 * table, 198 * table);
                double s = cos * (x + 0.5 - cx) + sin * (y + 0.5 - cy);
                double t = -sin * (x + 0.5 - cx) + cos * (y + 0.5 - cy);
                double k = screwShade(s, t, length, headLength, headHalf, shank, tip, pitch, depth, neck);
                if (k < 0) {
                    rgb[i] = background[i];
                    continue;
                }
                region[i] = true;
                k *= 0.94 + 0.12 * noise.at(s * 0.7 + 50, t * 0.7);
                rgb[i] = Canvas.rgb(152 * k, 154 * k, 160 * k);
            }
        }
        return new Canvas(size, rgb, region, background);
    }

    /** Brightness factor of the screw at axis position {@code s}, offset {@code t}; negative outside. */
    private static double screwShade(double s, double t, double length, double headLength, double headHalf,
            double shank, double tip, double pitch, double depth, double neck) {
        double top = -length / 2;
        double end = length / 2;
        if (s < top || s > end) {
            return -1;
        }
        if (s < top + headLength) {
            // Domed head: rounded towards the top.
            double dome = Math.min(1, (s - top) / (headLength * 0.45));
            double half = headHalf * Math.sqrt(Math.max(0, 1 - (1 - dome) * (1 - dome)));
            if (Math.abs(t) >= half || half <= 0) {
                return -1;
            }
            double p = t / half;
            return 0.45 + 0.75 * Math.sqrt(1 - p * p) - 0.25 * Math.exp(-p * p * 40) * (s - top < headLength * 0.6 ? 1 : 0);
        }
        double taper = Math.min(1, (end - s) / tip);
        double core = shank * (0.25 + 0.75 * taper);
        double saw = 0;
        if (s > neck) {
            double phase = (s + 0.35 * t) / pitch;
            saw = 1 - 2 * Math.abs(phase - Math.floor(phase) - 0.5);
        }
        double outer = core + depth * saw * taper;
        if (Math.abs(t) >= outer) {
            return -1;
        }
        double p = t / outer;
        double cylinder = 0.35 + 0.75 * Math.sqrt(1 - p * p);
        double highlight = 0.3 * Math.exp(-(p + 0.35) * (p + 0.35) * 30);
        return (cylinder + highlight) * (0.72 + 0.28 * saw);
    }
}

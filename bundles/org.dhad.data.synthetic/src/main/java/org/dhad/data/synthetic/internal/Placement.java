package org.dhad.data.synthetic.internal;

import java.util.SplittableRandom;

/** Where and in which direction defects go: points on the object or its outline, its long axis, random walks. */
final class Placement {

    private Placement() {
    }

    /** A random pixel of the canvas region, as {x, y}. */
    static int[] pointIn(Canvas canvas, SplittableRandom random) {
        int size = canvas.size;
        for (int attempt = 0; attempt < 10_000; attempt++) {
            int i = random.nextInt(size * size);
            if (canvas.region[i]) {
                return new int[] {i % size, i / size};
            }
        }
        throw new IllegalStateException("the " + size + "x" + size + " canvas has (almost) no object pixels");
    }

    /** A random region pixel next to a non-region pixel: on the object's outline. */
    static int[] edgePoint(Canvas canvas, SplittableRandom random) {
        int size = canvas.size;
        for (int attempt = 0; attempt < 100_000; attempt++) {
            int[] p = pointIn(canvas, random);
            int x = p[0];
            int y = p[1];
            if (x == 0 || y == 0 || x == size - 1 || y == size - 1 || !canvas.region[y * size + x - 1]
                    || !canvas.region[y * size + x + 1] || !canvas.region[(y - 1) * size + x]
                    || !canvas.region[(y + 1) * size + x]) {
                return p;
            }
        }
        throw new IllegalStateException("no outline pixel found on the " + size + "x" + size + " canvas");
    }

    /** A random direction for textures; for objects, near the object's long axis so lines stay on it. */
    static double direction(Canvas canvas, SplittableRandom random) {
        if (canvas.background == null) {
            return random.nextDouble() * 2 * Math.PI;
        }
        double sx = 0;
        double sy = 0;
        double n = 0;
        int size = canvas.size;
        for (int i = 0; i < canvas.region.length; i++) {
            if (canvas.region[i]) {
                sx += i % size;
                sy += i / size;
                n++;
            }
        }
        double mx = sx / n;
        double my = sy / n;
        double xx = 0;
        double yy = 0;
        double xy = 0;
        for (int i = 0; i < canvas.region.length; i++) {
            if (canvas.region[i]) {
                double dx = i % size - mx;
                double dy = i / size - my;
                xx += dx * dx;
                yy += dy * dy;
                xy += dx * dy;
            }
        }
        double axis = 0.5 * Math.atan2(2 * xy, xx - yy);
        return axis + (random.nextBoolean() ? 0 : Math.PI) + (random.nextDouble() - 0.5) * 0.5;
    }

    /** An irregular blob of about {@code area} pixels centred on {@code centre}. */
    static Footprint blob(Canvas canvas, double area, double rough, int[] centre, SplittableRandom random) {
        double radius = Math.sqrt(area / Math.PI);
        double cx = centre[0] + 0.5;
        double cy = centre[1] + 0.5;
        return new Footprint(Footprints.blob(canvas.size, cx, cy, radius, rough, random), cx, cy, radius);
    }

    /** A wandering polyline of about {@code length} pixels: {xs, ys}. */
    static double[][] walk(double x, double y, double heading, double length, double unit, SplittableRandom random) {
        double step = Math.max(1.5, 3 * unit);
        int steps = Math.max(1, (int) Math.ceil(length / step));
        double[] xs = new double[steps + 1];
        double[] ys = new double[steps + 1];
        xs[0] = x + 0.5;
        ys[0] = y + 0.5;
        for (int n = 1; n <= steps; n++) {
            heading += (random.nextDouble() - 0.5) * 0.9;
            xs[n] = xs[n - 1] + step * Math.cos(heading);
            ys[n] = ys[n - 1] + step * Math.sin(heading);
        }
        return new double[][] {xs, ys};
    }
}

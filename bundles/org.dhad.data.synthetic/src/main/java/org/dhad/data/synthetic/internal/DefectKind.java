package org.dhad.data.synthetic.internal;

import java.util.SplittableRandom;

/**
 * The defect types: each draws a footprint of a target area and a painter for it. {@link #make} retries
 * until the footprint, clipped to the canvas region, covers between {@link #MIN_AREA} and {@link #MAX_AREA}
 * of the image.
 */
enum DefectKind {

    /** Thin, slightly curved line, lighter on dark material and darker on light material. */
    SCRATCH("scratch", 0.0025, 0.012) {
        @Override
        Footprint shape(Canvas canvas, double area, SplittableRandom random) {
            double unit = canvas.size / 128.0;
            double width = Math.max(1, unit * (1 + 1.5 * random.nextDouble()));
            double length = clampLength(canvas, area / width);
            int[] start = Placement.pointIn(canvas, random);
            double angle = Placement.direction(canvas, random);
            double bend = (random.nextDouble() - 0.5) * 0.5 * length;
            double[] xs = new double[17];
            double[] ys = new double[17];
            for (int n = 0; n <= 16; n++) {
                double t = n / 16.0;
                double offset = 4 * t * (1 - t) * bend;
                xs[n] = start[0] + t * length * Math.cos(angle) - offset * Math.sin(angle);
                ys[n] = start[1] + t * length * Math.sin(angle) + offset * Math.cos(angle);
            }
            boolean[] mask = new boolean[canvas.size * canvas.size];
            Footprints.stroke(mask, canvas.size, xs, ys, width);
            return new Footprint(mask, start[0], start[1], length);
        }

        @Override
        Defect.Painter painter(Canvas canvas, Footprint footprint, SplittableRandom random) {
            int target = Canvas.luminance(Canvas.mean(canvas, footprint.mask())) < 140 ? Canvas.rgb(242, 240, 232)
                    : Canvas.rgb(30, 26, 24);
            ValueNoise noise = new ValueNoise(random.nextLong());
            return (old, x, y) -> Canvas.mix(old, target, 0.5 + 0.4 * noise.at(x * 0.4, y * 0.4));
        }
    },

    /** Dark irregular blob, darkest in the middle. */
    HOLE("hole", 0.004, 0.04) {
        @Override
        Footprint shape(Canvas canvas, double area, SplittableRandom random) {
            return Placement.blob(canvas, area, 0.3, Placement.pointIn(canvas, random), random);
        }

        @Override
        Defect.Painter painter(Canvas canvas, Footprint footprint, SplittableRandom random) {
            ValueNoise noise = new ValueNoise(random.nextLong());
            return (old, x, y) -> {
                double d = Math.min(1, footprint.distance(x, y));
                double k = (0.05 + 0.3 * d * d * d) * (0.8 + 0.4 * noise.at(x * 0.5, y * 0.5));
                return Canvas.rgb(Canvas.red(old) * k + 8, Canvas.green(old) * k + 6, Canvas.blue(old) * k + 5);
            };
        }
    },

    /** Soft, colour-shifted blob through which the material still shows. */
    STAIN("stain", 0.006, 0.045) {
        private static final int[] TINTS = {Canvas.rgb(205, 150, 55), Canvas.rgb(150, 62, 30), Canvas.rgb(60, 84, 170),
            Canvas.rgb(110, 135, 55)};

        @Override
        Footprint shape(Canvas canvas, double area, SplittableRandom random) {
            return Placement.blob(canvas, area, 0.45, Placement.pointIn(canvas, random), random);
        }

        @Override
        Defect.Painter painter(Canvas canvas, Footprint footprint, SplittableRandom random) {
            int tint = TINTS[random.nextInt(TINTS.length)];
            ValueNoise noise = new ValueNoise(random.nextLong());
            return (old, x, y) -> {
                double d = Math.min(1, footprint.distance(x, y));
                double alpha = (0.35 + 0.45 * (1 - d * d)) * (0.75 + 0.5 * noise.at(x * 0.15, y * 0.15));
                double light = 0.45 + 0.75 * Canvas.luminance(old) / 255;
                int stained = Canvas.rgb(Canvas.red(tint) * light, Canvas.green(tint) * light, Canvas.blue(tint) * light);
                return Canvas.mix(old, stained, alpha);
            };
        }
    },

    /** Jagged dark line with a branch or two. */
    CRACK("crack", 0.003, 0.015) {
        @Override
        Footprint shape(Canvas canvas, double area, SplittableRandom random) {
            double unit = canvas.size / 128.0;
            double width = Math.max(1, unit * (1 + random.nextDouble()));
            double length = clampLength(canvas, area / width / 1.3);
            int[] start = Placement.pointIn(canvas, random);
            boolean[] mask = new boolean[canvas.size * canvas.size];
            double[][] main = Placement.walk(start[0], start[1], Placement.direction(canvas, random), length, unit, random);
            Footprints.stroke(mask, canvas.size, main[0], main[1], width);
            int branches = 1 + random.nextInt(2);
            for (int b = 0; b < branches; b++) {
                int from = random.nextInt(main[0].length);
                double heading = Math.atan2(main[1][Math.min(from + 1, main[0].length - 1)] - main[1][Math.max(from - 1, 0)],
                        main[0][Math.min(from + 1, main[0].length - 1)] - main[0][Math.max(from - 1, 0)])
                        + (random.nextBoolean() ? 1 : -1) * (0.5 + 0.6 * random.nextDouble());
                double[][] branch = Placement.walk(main[0][from], main[1][from], heading,
                        length * (0.15 + 0.2 * random.nextDouble()), unit, random);
                Footprints.stroke(mask, canvas.size, branch[0], branch[1], Math.max(1, width * 0.75));
            }
            return new Footprint(mask, start[0], start[1], length);
        }

        @Override
        Defect.Painter painter(Canvas canvas, Footprint footprint, SplittableRandom random) {
            ValueNoise noise = new ValueNoise(random.nextLong());
            return (old, x, y) -> {
                double k = 0.12 + 0.2 * noise.at(x * 0.6, y * 0.6);
                return Canvas.rgb(Canvas.red(old) * k + 4, Canvas.green(old) * k + 4, Canvas.blue(old) * k + 4);
            };
        }
    },

    /** A foreign particle or fibre in a colour the material does not have, with its own grain. */
    CONTAMINATION("contamination", 0.004, 0.025) {
        private static final int[] COLOURS = {Canvas.rgb(32, 32, 36), Canvas.rgb(240, 238, 228), Canvas.rgb(198, 86, 30),
            Canvas.rgb(52, 104, 46), Canvas.rgb(98, 114, 175), Canvas.rgb(222, 200, 66)};

        @Override
        Footprint shape(Canvas canvas, double area, SplittableRandom random) {
            int[] centre = Placement.pointIn(canvas, random);
            if (random.nextBoolean()) {
                return Placement.blob(canvas, area, 0.6, centre, random);
            }
            double width = Math.max(1.5, canvas.size / 128.0 * (2 + 1.5 * random.nextDouble()));
            double length = clampLength(canvas, area / width);
            double[][] fibre = Placement.walk(centre[0], centre[1], random.nextDouble() * 2 * Math.PI, length,
                    canvas.size / 128.0 * 1.5, random);
            boolean[] mask = new boolean[canvas.size * canvas.size];
            Footprints.stroke(mask, canvas.size, fibre[0], fibre[1], width);
            return new Footprint(mask, centre[0], centre[1], length);
        }

        @Override
        Defect.Painter painter(Canvas canvas, Footprint footprint, SplittableRandom random) {
            int mean = Canvas.mean(canvas, footprint.mask());
            int first = random.nextInt(COLOURS.length);
            int colour = COLOURS[first];
            for (int n = 0; n < COLOURS.length && Defect.change(colour, mean) < 90; n++) {
                colour = COLOURS[(first + n) % COLOURS.length];
            }
            int particle = colour;
            ValueNoise noise = new ValueNoise(random.nextLong());
            return (old, x, y) -> {
                double k = 0.72 + 0.5 * noise.at(x * 0.45, y * 0.45);
                return Canvas.rgb(Canvas.red(particle) * k, Canvas.green(particle) * k, Canvas.blue(particle) * k);
            };
        }
    },

    /** A piece of the object broken off: the background shows through. Objects only. */
    MISSING("missing", 0.006, 0.045) {
        @Override
        Footprint shape(Canvas canvas, double area, SplittableRandom random) {
            // Centred on the object's outline, so about half of the blob falls off the object.
            return Placement.blob(canvas, area * 2, 0.25, Placement.edgePoint(canvas, random), random);
        }

        @Override
        Defect.Painter painter(Canvas canvas, Footprint footprint, SplittableRandom random) {
            return (old, x, y) -> canvas.background[y * canvas.size + x];
        }
    };

    /** Smallest defect, as a fraction of the image area. */
    static final double MIN_AREA = 0.002;
    /** Largest defect, as a fraction of the image area. */
    static final double MAX_AREA = 0.05;

    private final String label;
    private final double minTarget;
    private final double maxTarget;

    DefectKind(String label, double minTarget, double maxTarget) {
        this.label = label;
        this.minTarget = minTarget;
        this.maxTarget = maxTarget;
    }

    /** The defect type name used in samples. */
    String label() {
        return label;
    }

    abstract Footprint shape(Canvas canvas, double area, SplittableRandom random);

    abstract Defect.Painter painter(Canvas canvas, Footprint footprint, SplittableRandom random);

    /** A defect whose footprint, clipped to the canvas region, lies in the documented area range. */
    Defect make(Canvas canvas, SplittableRandom random) {
        double pixels = (double) canvas.size * canvas.size;
        for (int attempt = 0; attempt < 500; attempt++) {
            double fraction = Math.exp(Math.log(minTarget) + random.nextDouble() * Math.log(maxTarget / minTarget));
            Footprint footprint = shape(canvas, fraction * pixels, random);
            int n = Footprints.clip(footprint.mask(), canvas.region);
            if (n >= MIN_AREA * pixels && n <= MAX_AREA * pixels) {
                return new Defect(canvas.size, footprint.mask(), painter(canvas, footprint, random));
            }
        }
        throw new IllegalStateException("no " + label + " defect of " + MIN_AREA * 100 + "-" + MAX_AREA * 100
                + "% of a " + canvas.size + "x" + canvas.size + " image fits the object in 500 attempts");
    }

    private static double clampLength(Canvas canvas, double length) {
        return Math.max(0.08 * canvas.size, Math.min(0.75 * canvas.size, length));
    }
}

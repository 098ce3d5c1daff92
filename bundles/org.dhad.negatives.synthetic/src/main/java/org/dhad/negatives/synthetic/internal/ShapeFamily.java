package org.dhad.negatives.synthetic.internal;

import java.awt.Shape;
import java.awt.geom.Area;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.util.random.RandomGenerator;

/**
 * Outlines of negative patches, in a unit frame around the origin; {@link ShapeSampler} fits them to the
 * patch. Crisp geometric outlines, deliberately unlike the thin lines and soft blobs of the defects.
 */
enum ShapeFamily {

    /** A polygon of 3 to 8 corners at random angles and radii (may be concave). */
    POLYGON("polygon") {
        @Override
        Shape outline(RandomGenerator random) {
            int corners = 3 + random.nextInt(6);
            double[] angles = new double[corners];
            for (int n = 0; n < corners; n++) {
                angles[n] = (n + 0.15 + 0.7 * random.nextDouble()) * 2 * Math.PI / corners;
            }
            Path2D.Double path = new Path2D.Double();
            for (int n = 0; n < corners; n++) {
                double r = 0.5 + 0.5 * random.nextDouble();
                point(path, n, r * Math.cos(angles[n]), r * Math.sin(angles[n]));
            }
            path.closePath();
            return path;
        }
    },

    /** A rotated ellipse. */
    ELLIPSE("ellipse") {
        @Override
        Shape outline(RandomGenerator random) {
            return rotated(new Ellipse2D.Double(-1, -0.3 - 0.7 * random.nextDouble(), 2, 2), random);
        }
    },

    /** A star of 4 to 11 points. */
    STAR("star") {
        @Override
        Shape outline(RandomGenerator random) {
            int points = 4 + random.nextInt(8);
            double inner = 0.35 + 0.3 * random.nextDouble();
            double turn = random.nextDouble() * Math.PI;
            Path2D.Double path = new Path2D.Double();
            for (int n = 0; n < 2 * points; n++) {
                double r = n % 2 == 0 ? 1 : inner;
                double a = turn + n * Math.PI / points;
                point(path, n, r * Math.cos(a), r * Math.sin(a));
            }
            path.closePath();
            return path;
        }
    },

    /** A smooth lobed blob: radius varying with a few harmonics of the angle. */
    BLOB("blob") {
        @Override
        Shape outline(RandomGenerator random) {
            double[] amplitude = new double[3];
            double[] phase = new double[3];
            for (int k = 0; k < 3; k++) {
                amplitude[k] = 0.25 * random.nextDouble() / (k + 1);
                phase[k] = random.nextDouble() * 2 * Math.PI;
            }
            Path2D.Double path = new Path2D.Double();
            for (int n = 0; n < 48; n++) {
                double a = n * 2 * Math.PI / 48;
                double r = 1;
                for (int k = 0; k < 3; k++) {
                    r += amplitude[k] * Math.cos((k + 2) * a + phase[k]);
                }
                point(path, n, r * Math.cos(a), r * Math.sin(a));
            }
            path.closePath();
            return path;
        }
    },

    /** An elliptical ring. */
    RING("ring") {
        @Override
        Shape outline(RandomGenerator random) {
            double squash = 0.5 + 0.5 * random.nextDouble();
            double hole = 0.4 + 0.25 * random.nextDouble();
            Area ring = new Area(new Ellipse2D.Double(-1, -squash, 2, 2 * squash));
            ring.subtract(new Area(new Ellipse2D.Double(-hole, -hole * squash, 2 * hole, 2 * hole * squash)));
            return rotated(ring, random);
        }
    };

    private final String label;

    ShapeFamily(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }

    /** A new outline; any size and position, the sampler fits it to the patch. */
    abstract Shape outline(RandomGenerator random);

    private static void point(Path2D.Double path, int n, double x, double y) {
        if (n == 0) {
            path.moveTo(x, y);
        } else {
            path.lineTo(x, y);
        }
    }

    private static Shape rotated(Shape shape, RandomGenerator random) {
        return java.awt.geom.AffineTransform.getRotateInstance(random.nextDouble() * Math.PI).createTransformedShape(shape);
    }
}

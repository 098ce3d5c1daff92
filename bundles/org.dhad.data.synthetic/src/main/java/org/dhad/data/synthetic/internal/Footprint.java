package org.dhad.data.synthetic.internal;

/**
 * A drawn defect shape before painting.
 *
 * @param mask   one flag per pixel, row-major
 * @param cx     centre (or start) x in pixels
 * @param cy     centre (or start) y in pixels
 * @param radius the shape's nominal radius (or length), used to shade towards the rim
 */
record Footprint(boolean[] mask, double cx, double cy, double radius) {

    /** Distance of pixel {@code (x, y)}'s centre from the centre, in radii. */
    double distance(int x, int y) {
        return Math.hypot(x + 0.5 - cx, y + 0.5 - cy) / radius;
    }
}

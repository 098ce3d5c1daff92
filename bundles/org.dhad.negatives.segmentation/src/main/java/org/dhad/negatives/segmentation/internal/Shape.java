package org.dhad.negatives.segmentation.internal;

import java.awt.Rectangle;
import java.util.Arrays;

/**
 * One shape of a mask file: the pixels of one class, or one connected component of a class when
 * {@code seedX >= 0} (the component is the 4-connected region of its class that holds the seed pixel).
 *
 * @param label  the class index as decoded from the mask
 * @param box    bounding box in mask pixels
 * @param area   number of pixels
 * @param seedX  a pixel of the component (its first in row-major order), or -1 for a whole class
 * @param seedY  row of the seed pixel, or -1
 */
record Shape(int label, Rectangle box, int area, int seedX, int seedY) {

    boolean component() {
        return seedX >= 0;
    }

    /** Compact form for the cache file: x, y, width, height, area, label, seedX, seedY. */
    int[] toArray() {
        return new int[] {box.x, box.y, box.width, box.height, area, label, seedX, seedY};
    }

    static Shape fromArray(int[] a) {
        if (a.length != 8) {
            throw new IllegalArgumentException("Shape record " + Arrays.toString(a) + " has " + a.length
                    + " numbers; expected 8 (x, y, width, height, area, label, seedX, seedY)");
        }
        return new Shape(a[5], new Rectangle(a[0], a[1], a[2], a[3]), a[4], a[6], a[7]);
    }
}

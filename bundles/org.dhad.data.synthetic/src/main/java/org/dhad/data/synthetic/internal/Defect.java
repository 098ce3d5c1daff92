package org.dhad.data.synthetic.internal;

/**
 * A defect laid on a canvas: its footprint and the colour it gives each footprint pixel. Applying it
 * changes exactly the footprint: a pixel whose new colour would be too close to the old one is pushed
 * further, so the ground-truth mask (the footprint) is the set of changed pixels.
 */
final class Defect {

    /** Smallest largest-channel change of a defect pixel; keeps every footprint pixel visibly different. */
    static final int MIN_CHANGE = 24;

    /** New colour of one footprint pixel. */
    interface Painter {
        int paint(int old, int x, int y);
    }

    private final int size;
    private final boolean[] footprint;
    private final Painter painter;

    Defect(int size, boolean[] footprint, Painter painter) {
        this.size = size;
        this.footprint = footprint;
        this.painter = painter;
    }

    boolean[] footprint() {
        return footprint;
    }

    /** Paints the footprint into {@code rgb} (a copy of the clean render). */
    void apply(int[] rgb) {
        for (int i = 0; i < footprint.length; i++) {
            if (footprint[i]) {
                rgb[i] = visible(rgb[i], painter.paint(rgb[i], i % size, i / size));
            }
        }
    }

    /** {@code wanted}, or a colour moved in the same direction far enough from {@code old}. */
    static int visible(int old, int wanted) {
        if (change(old, wanted) >= MIN_CHANGE) {
            return wanted;
        }
        int direction = Canvas.luminance(wanted) <= Canvas.luminance(old) ? -1 : 1;
        int pushed = shift(old, direction * 40);
        return change(old, pushed) >= MIN_CHANGE ? pushed : shift(old, -direction * 40);
    }

    static int change(int a, int b) {
        return Math.max(Math.abs(Canvas.red(a) - Canvas.red(b)),
                Math.max(Math.abs(Canvas.green(a) - Canvas.green(b)), Math.abs(Canvas.blue(a) - Canvas.blue(b))));
    }

    private static int shift(int rgb, int by) {
        return Canvas.rgb(Canvas.red(rgb) + by, Canvas.green(rgb) + by, Canvas.blue(rgb) + by);
    }
}

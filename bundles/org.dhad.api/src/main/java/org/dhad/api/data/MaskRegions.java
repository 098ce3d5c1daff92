package org.dhad.api.data;

import java.util.Arrays;

/**
 * Finds the 8-connected components of anomalous pixels in masks (as {@code scipy.ndimage.label} with
 * a 3x3 structure): the defect regions of the PRO metric and of a prediction's largest defect. One instance
 * reuses its buffers across masks of equal size; not thread-safe.
 *
 * @since 2.1
 */
public final class MaskRegions {

    /** Receives one region: its pixel indices are {@code pixels[0, size)}, row-major. */
    @FunctionalInterface
    public interface RegionVisitor {
        void region(int[] pixels, int size);
    }

    private boolean[] seen = new boolean[0];
    private int[] queue = new int[0];

    /** Calls {@code visitor} once per region of {@code mask}, in order of each region's first pixel. */
    public void forEach(Mask mask, RegionVisitor visitor) {
        byte[] px = mask.pixels();
        int width = mask.width();
        int height = mask.height();
        if (seen.length != px.length) {
            seen = new boolean[px.length];
            queue = new int[px.length];
        } else {
            Arrays.fill(seen, false);
        }
        for (int p = 0; p < px.length; p++) {
            if (px[p] == 0 || seen[p]) {
                continue;
            }
            // Breadth-first fill; the queue doubles as the region's pixel list.
            int tail = 0;
            queue[tail++] = p;
            seen[p] = true;
            for (int head = 0; head < tail; head++) {
                int q = queue[head];
                int x = q % width;
                int y = q / width;
                for (int ny = Math.max(0, y - 1); ny <= Math.min(height - 1, y + 1); ny++) {
                    for (int nx = Math.max(0, x - 1); nx <= Math.min(width - 1, x + 1); nx++) {
                        int r = ny * width + nx;
                        if (px[r] != 0 && !seen[r]) {
                            seen[r] = true;
                            queue[tail++] = r;
                        }
                    }
                }
            }
            visitor.region(queue, tail);
        }
    }
}

package org.dhad.engine.internal;

/**
 * A row-major 2-D array of scores as read from a map file.
 *
 * @param width  values per row
 * @param height rows
 * @param values {@code width*height} values
 */
record FloatGrid(int width, int height, float[] values) {

    FloatGrid {
        if (width <= 0 || height <= 0 || (long) width * height != values.length) {
            throw new IllegalArgumentException("A " + width + "x" + height + " grid needs " + (long) width * height
                    + " values, got " + values.length);
        }
    }

    /** Number of NaN or infinite values. */
    int nonFiniteCount() {
        int n = 0;
        for (float v : values) {
            if (!Float.isFinite(v)) {
                n++;
            }
        }
        return n;
    }

    /** Index of the first NaN or infinite value, or -1. */
    int firstNonFinite() {
        for (int i = 0; i < values.length; i++) {
            if (!Float.isFinite(values[i])) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Bilinear resize with pixel centres aligned as in PyTorch's {@code interpolate(align_corners=False)}
     * and OpenCV's {@code INTER_LINEAR} (no anti-aliasing), so that results match evaluation code in Python.
     */
    FloatGrid resize(int newWidth, int newHeight) {
        if (newWidth == width && newHeight == height) {
            return this;
        }
        float[] out = new float[newWidth * newHeight];
        int[] x0 = new int[newWidth];
        int[] x1 = new int[newWidth];
        float[] fx = new float[newWidth];
        for (int x = 0; x < newWidth; x++) {
            double sx = Math.max(0, (x + 0.5) * width / newWidth - 0.5);
            x0[x] = Math.min(width - 1, (int) sx);
            x1[x] = Math.min(width - 1, x0[x] + 1);
            fx[x] = (float) (sx - x0[x]);
        }
        for (int y = 0; y < newHeight; y++) {
            double sy = Math.max(0, (y + 0.5) * height / newHeight - 0.5);
            int y0 = Math.min(height - 1, (int) sy);
            int y1 = Math.min(height - 1, y0 + 1);
            float fy = (float) (sy - y0);
            for (int x = 0; x < newWidth; x++) {
                float top = values[y0 * width + x0[x]] * (1 - fx[x]) + values[y0 * width + x1[x]] * fx[x];
                float bottom = values[y1 * width + x0[x]] * (1 - fx[x]) + values[y1 * width + x1[x]] * fx[x];
                out[y * newWidth + x] = top * (1 - fy) + bottom * fy;
            }
        }
        return new FloatGrid(newWidth, newHeight, out);
    }
}

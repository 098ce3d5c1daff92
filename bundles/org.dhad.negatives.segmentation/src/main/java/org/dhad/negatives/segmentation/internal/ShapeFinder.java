package org.dhad.negatives.segmentation.internal;

import java.awt.Rectangle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Finds class shapes (or connected components of classes) of at least a minimum area in a label map. */
final class ShapeFinder {

    private final Set<Integer> ignore;
    private final int minArea;
    private final boolean components;

    ShapeFinder(Set<Integer> ignore, int minArea, boolean components) {
        this.ignore = Set.copyOf(ignore);
        this.minArea = minArea;
        this.components = components;
    }

    /** Shapes sorted by label (then by seed position for components). */
    List<Shape> find(int[] labels, int width, int height) {
        Map<Integer, int[]> stats = classStats(labels, width);
        List<Shape> shapes = new ArrayList<>();
        if (!components) {
            stats.keySet().stream().sorted().forEach(label -> {
                int[] s = stats.get(label);
                if (!ignore.contains(label) && s[4] >= minArea) {
                    shapes.add(new Shape(label, new Rectangle(s[0], s[1], s[2] - s[0] + 1, s[3] - s[1] + 1), s[4], -1, -1));
                }
            });
            return shapes;
        }
        boolean[] seen = new boolean[labels.length];
        int[] queue = new int[labels.length];
        for (int start = 0; start < labels.length; start++) {
            int label = labels[start];
            // A component cannot be larger than its class, so small classes are skipped without a fill.
            if (seen[start] || ignore.contains(label) || stats.get(label)[4] < minArea) {
                continue;
            }
            int head = 0;
            int tail = 0;
            queue[tail++] = start;
            seen[start] = true;
            int minX = width;
            int minY = Integer.MAX_VALUE;
            int maxX = -1;
            int maxY = -1;
            while (head < tail) {
                int p = queue[head++];
                int x = p % width;
                int y = p / width;
                minX = Math.min(minX, x);
                maxX = Math.max(maxX, x);
                minY = Math.min(minY, y);
                maxY = Math.max(maxY, y);
                tail = visit(labels, seen, queue, tail, label, x > 0 ? p - 1 : -1);
                tail = visit(labels, seen, queue, tail, label, x < width - 1 ? p + 1 : -1);
                tail = visit(labels, seen, queue, tail, label, y > 0 ? p - width : -1);
                tail = visit(labels, seen, queue, tail, label, y < height - 1 ? p + width : -1);
            }
            if (tail >= minArea) {
                shapes.add(new Shape(label, new Rectangle(minX, minY, maxX - minX + 1, maxY - minY + 1), tail,
                        start % width, start / width));
            }
        }
        shapes.sort((a, b) -> a.label() != b.label() ? Integer.compare(a.label(), b.label())
                : Integer.compare(a.seedY() * width + a.seedX(), b.seedY() * width + b.seedX()));
        return shapes;
    }

    private static int visit(int[] labels, boolean[] seen, int[] queue, int tail, int label, int p) {
        if (p >= 0 && !seen[p] && labels[p] == label) {
            seen[p] = true;
            queue[tail++] = p;
        }
        return tail;
    }

    /** Per label: minX, minY, maxX, maxY, area. */
    private static Map<Integer, int[]> classStats(int[] labels, int width) {
        Map<Integer, int[]> stats = new HashMap<>();
        int last = Integer.MIN_VALUE;
        int[] s = null;
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] != last) {
                last = labels[i];
                s = stats.computeIfAbsent(last, k -> new int[] {Integer.MAX_VALUE, Integer.MAX_VALUE, -1, -1, 0});
            }
            int x = i % width;
            int y = i / width;
            s[0] = Math.min(s[0], x);
            s[1] = Math.min(s[1], y);
            s[2] = Math.max(s[2], x);
            s[3] = Math.max(s[3], y);
            s[4]++;
        }
        return stats;
    }

    /** Marks the 4-connected region of {@code label} around the seed; labels and mask cover the same box. */
    static void fill(int[] labels, byte[] mask, int width, int height, int seedX, int seedY, int label) {
        int[] queue = new int[labels.length];
        int start = seedY * width + seedX;
        if (seedX < 0 || seedY < 0 || seedX >= width || seedY >= height || labels[start] != label) {
            throw new IllegalStateException("seed " + seedX + "," + seedY + " is not of class " + label
                    + " in the " + width + "x" + height + " region; expected the cached seed to lie on its shape");
        }
        int head = 0;
        int tail = 0;
        queue[tail++] = start;
        mask[start] = 1;
        while (head < tail) {
            int p = queue[head++];
            int x = p % width;
            int y = p / width;
            int[] next = {x > 0 ? p - 1 : -1, x < width - 1 ? p + 1 : -1, y > 0 ? p - width : -1,
                    y < height - 1 ? p + width : -1};
            for (int n : next) {
                if (n >= 0 && mask[n] == 0 && labels[n] == label) {
                    mask[n] = 1;
                    queue[tail++] = n;
                }
            }
        }
    }
}

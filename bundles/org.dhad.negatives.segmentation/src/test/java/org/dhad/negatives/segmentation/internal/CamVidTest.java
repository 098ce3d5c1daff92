package org.dhad.negatives.segmentation.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

import org.dhad.api.data.Mask;
import org.dhad.api.data.NegativePatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CamVid subset: 60 frames, 480x360, 12 classes with 11 = void ignored. */
class CamVidTest {

    @TempDir
    Path cache;

    private ShapeSampler open(Map<String, String> extra) throws Exception {
        Map<String, String> values = new TreeMap<>(Map.of("root", NegativeFixtures.shared("camvid_subset").toString(),
                "cache-dir", cache.toString()));
        values.putAll(extra);
        return (ShapeSampler) NegativeFixtures.open("segmentation", values);
    }

    @Test
    void classShapesMatchAnIndependentCount() throws Exception {
        ShapeSampler sampler = open(Map.of());
        assertEquals(60, sampler.files().size(), "60 frames paired train/ with trainannot/");
        assertEquals(List.of(), sampler.problems(), "clean");
        for (IndexedFile file : sampler.files()) {
            assertEquals(480, file.width(), "width " + file.mask());
            assertEquals(360, file.height(), "height " + file.mask());
            assertEquals(file.mask().getFileName(), file.image().getFileName(), "paired by file name");
        }
        IndexedFile first = sampler.files().get(0);
        Map<Integer, Integer> areas = new TreeMap<>();
        for (int[] row : NegativeFixtures.decode(first.mask(), false)) {
            for (int c : row) {
                areas.merge(c, 1, Integer::sum);
            }
        }
        assertTrue(areas.containsKey(11) && areas.get(11) >= 1024, "the frame has void pixels to ignore: " + areas);
        Map<Integer, Integer> indexed = new TreeMap<>();
        first.shapes().forEach(s -> indexed.put(s.label(), s.area()));
        Map<Integer, Integer> expected = new TreeMap<>(areas);
        expected.entrySet().removeIf(e -> e.getKey() == 11 || e.getValue() < 1024);
        assertEquals(expected, indexed, "classes 0-10 of at least 1024 pixels, with their areas");
        assertTrue(sampler.files().stream().flatMap(f -> f.shapes().stream()).noneMatch(s -> s.label() == 11),
                "class 11 (void) never used");
        ShapeSampler explicit = open(Map.of("images", NegativeFixtures.shared("camvid_subset").resolve("train").toString(),
                "masks", NegativeFixtures.shared("camvid_subset").resolve("trainannot").toString(), "ignore-classes", "11"));
        assertEquals(sampler.size(), explicit.size(), "explicit folders + ignore-classes=11 give the same shapes");
    }

    @Test
    void componentsAreConnectedAndOfOneClass() throws Exception {
        ShapeSampler sampler = open(Map.of("shape", "component", "min-area", "500"));
        assertTrue(sampler.size() > 60, "components found: " + sampler.size());
        SplittableRandom random = new SplittableRandom(3);
        for (int n = 0; n < 20; n++) {
            NegativePatch patch = sampler.draw(random);
            Mask shape = patch.shape();
            assertTrue(shape.count() >= 500, "area >= min-area: " + patch.source());
            assertTrue(patch.source().contains("component of class"), patch.source());
            assertEquals(shape.count(), connected(shape), "one 4-connected component: " + patch.source());
            // The bounding box is tight: every border row and column holds a shape pixel.
            assertTrue(rowHas(shape, 0) && rowHas(shape, shape.height() - 1), "tight box rows " + patch.source());
        }
    }

    @Test
    void unionsHoldTwoOrThreeClasses() throws Exception {
        ShapeSampler sampler = open(Map.of("shape", "union"));
        SplittableRandom random = new SplittableRandom(11);
        for (int n = 0; n < 10; n++) {
            NegativePatch patch = sampler.draw(random);
            String classes = patch.source().replaceAll(".*class \\[(.*)\\] at.*", "$1");
            int count = classes.split(",").length;
            assertTrue(count == 2 || count == 3, "2 or 3 classes: " + patch.source());
            assertTrue(patch.shape().count() >= 2 * 1024, "two classes of at least min-area each: " + patch.source());
        }
    }

    private static boolean rowHas(Mask mask, int y) {
        for (int x = 0; x < mask.width(); x++) {
            if (mask.get(x, y)) {
                return true;
            }
        }
        return false;
    }

    /** Size of the 4-connected region around the first set pixel. */
    private static int connected(Mask mask) {
        boolean[] seen = new boolean[mask.width() * mask.height()];
        int start = -1;
        for (int i = 0; i < seen.length && start < 0; i++) {
            start = mask.pixels()[i] != 0 ? i : -1;
        }
        ArrayDeque<Integer> queue = new ArrayDeque<>(List.of(start));
        seen[start] = true;
        int n = 0;
        while (!queue.isEmpty()) {
            int p = queue.poll();
            n++;
            int x = p % mask.width();
            int y = p / mask.width();
            int[][] next = {{x - 1, y}, {x + 1, y}, {x, y - 1}, {x, y + 1}};
            for (int[] q : next) {
                if (q[0] >= 0 && q[1] >= 0 && q[0] < mask.width() && q[1] < mask.height()) {
                    int i = q[1] * mask.width() + q[0];
                    if (!seen[i] && mask.pixels()[i] != 0) {
                        seen[i] = true;
                        queue.add(i);
                    }
                }
            }
        }
        return n;
    }
}

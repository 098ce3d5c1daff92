package org.dhad.negatives.segmentation.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.imageio.ImageIO;

import org.dhad.api.data.NegativePatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/** The ADE20K full-release samples: class decoding checked against the JSON annotations, exact class shapes. */
class Ade20kFullTest {

    private static final int MIN_AREA = 1024;

    @TempDir
    Path cache;

    private ShapeSampler open() throws Exception {
        Path root = NegativeFixtures.shared("ade20k_samples");
        return (ShapeSampler) NegativeFixtures.open("segmentation",
                Map.of("root", root.toString(), "cache-dir", cache.toString(), "min-area", Integer.toString(MIN_AREA)));
    }

    @Test
    void decodedClassesAreTheAnnotatedObjectClasses() throws Exception {
        ShapeSampler sampler = open();
        assertEquals(3, sampler.files().size(), "three image + _seg.png pairs");
        assertEquals(List.of(), sampler.problems(), "no problems (parts and JSON files are not masks)");
        for (IndexedFile file : sampler.files()) {
            int[][] labels = NegativeFixtures.decode(file.mask(), true);
            Map<Integer, Integer> areas = new TreeMap<>();
            for (int[] row : labels) {
                for (int c : row) {
                    areas.merge(c, 1, Integer::sum);
                }
            }
            TreeSet<Integer> annotated = annotatedClasses(file.image());
            TreeSet<Integer> decoded = new TreeSet<>(areas.keySet());
            decoded.remove(0);
            assertEquals(annotated, decoded, "R/10*256+G gives the name_ndx of the whole objects in the JSON of "
                    + file.image().getFileName());
            TreeSet<Integer> expected = new TreeSet<>();
            areas.forEach((c, n) -> {
                if (c != 0 && n >= MIN_AREA) {
                    expected.add(c);
                }
            });
            TreeSet<Integer> indexed = new TreeSet<>();
            for (Shape shape : file.shapes()) {
                indexed.add(shape.label());
                assertEquals(areas.get(shape.label()), shape.area(), "area of class " + shape.label());
            }
            assertEquals(expected, indexed, "every non-ignored class of at least min-area, and only those");
        }
    }

    @Test
    void patchesAreTheExactClassPixels() throws Exception {
        ShapeSampler sampler = open();
        int checked = 0;
        for (IndexedFile file : sampler.files()) {
            int[][] labels = NegativeFixtures.decode(file.mask(), true);
            BufferedImage full = ImageIO.read(file.image().toFile());
            for (int s = 0; s < file.shapes().size(); s += 3) {
                Shape shape = file.shapes().get(s);
                NegativePatch patch = sampler.cut(file, List.of(shape));
                assertEquals(shape.box().width, patch.shape().width(), "patch width is the box width");
                assertEquals(shape.area(), patch.shape().count(), "shape area");
                assertTrue(patch.shape().count() >= MIN_AREA, "area >= min-area");
                for (int y = 0; y < shape.box().height; y++) {
                    for (int x = 0; x < shape.box().width; x++) {
                        boolean inClass = labels[shape.box().y + y][shape.box().x + x] == shape.label();
                        assertEquals(inClass, patch.shape().get(x, y), "class pixel at " + x + "," + y);
                    }
                }
                for (int y = 0; y < shape.box().height; y += 17) {
                    for (int x = 0; x < shape.box().width; x += 13) {
                        assertEquals(full.getRGB(shape.box().x + x, shape.box().y + y) & 0xFFFFFF,
                                patch.image().getRGB(x, y) & 0xFFFFFF, "image pixel " + x + "," + y + " of " + shape);
                    }
                }
                checked++;
            }
        }
        assertTrue(checked >= 10, "checked " + checked + " shapes");
    }

    @Test
    void drawsAreDeterministicAndThreadSafe() throws Exception {
        ShapeSampler sampler = open();
        List<NegativePatch> sequential = new ArrayList<>();
        for (int seed = 0; seed < 8; seed++) {
            sequential.add(sampler.draw(new SplittableRandom(seed)));
        }
        assertTrue(sequential.stream().map(NegativePatch::source).distinct().count() > 2, "different seeds differ");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<NegativePatch>> parallel = new ArrayList<>();
            for (int seed = 7; seed >= 0; seed--) {
                int s = seed;
                parallel.add(pool.submit(() -> sampler.draw(new SplittableRandom(s))));
            }
            for (int seed = 0; seed < 8; seed++) {
                NegativePatch a = sequential.get(seed);
                NegativePatch b = parallel.get(7 - seed).get();
                assertEquals(a.source(), b.source(), "same generator state, same shape");
                assertEquals(a.shape(), b.shape(), "same mask");
                assertEquals(a.image().getRGB(a.image().getWidth() / 2, a.image().getHeight() / 2),
                        b.image().getRGB(b.image().getWidth() / 2, b.image().getHeight() / 2), "same pixels");
            }
        } finally {
            pool.shutdown();
        }
    }

    private static TreeSet<Integer> annotatedClasses(Path image) throws Exception {
        Path json = image.resolveSibling(image.getFileName().toString().replace(".jpg", ".json"));
        TreeSet<Integer> classes = new TreeSet<>();
        try (Reader in = Files.newBufferedReader(json)) {
            for (JsonElement e : JsonParser.parseReader(in).getAsJsonObject().getAsJsonObject("annotation")
                    .getAsJsonArray("object")) {
                JsonObject object = e.getAsJsonObject();
                if (object.getAsJsonObject("parts").get("part_level").getAsInt() == 0) {
                    classes.add(object.get("name_ndx").getAsInt());
                }
            }
        }
        return classes;
    }
}

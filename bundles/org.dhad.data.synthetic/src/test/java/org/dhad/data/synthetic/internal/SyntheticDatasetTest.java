package org.dhad.data.synthetic.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.dhad.api.Settings;
import org.dhad.api.data.AnomalyDataset;
import org.dhad.api.data.DataException;
import org.dhad.api.data.DatasetContent;
import org.dhad.api.data.Mask;
import org.dhad.api.data.Sample;
import org.dhad.api.data.Split;
import org.junit.jupiter.api.Test;

/** Registration, counts, names, settings errors, determinism and thread safety of the synthetic dataset. */
class SyntheticDatasetTest {

    private static final List<String> ALL = List.of("fabric", "grid", "wood", "leather", "pill", "screw");

    @Test
    void registeredWithItsIdAndDescribed() throws Exception {
        AnomalyDataset dataset = SyntheticFixtures.dataset();
        assertEquals("synthetic", dataset.id(), "id");
        assertFalse(dataset.description().isBlank(), "description");
        assertEquals(List.of("categories", "image-size", "train-count", "test-good-count", "test-defect-count", "seed"),
                dataset.settings().stream().map(s -> s.key()).toList(), "setting keys");
        assertEquals(List.of(), new Settings("synthetic", dataset.settings(), Map.of()).validate(), "defaults are valid");
    }

    @Test
    void defaultsGiveEveryCategoryWithFortyTrainTenGoodTwentyDefective() throws Exception {
        AnomalyDataset dataset = SyntheticFixtures.dataset();
        DatasetContent content = dataset.open(Settings.defaults(dataset));
        assertEquals(ALL, content.categories(), "all categories by default");
        assertEquals(List.of(), content.problems(), "no problems");
        Set<String> sources = new HashSet<>();
        for (String category : ALL) {
            List<Sample> train = content.samples(category, Split.TRAIN);
            List<Sample> test = content.samples(category, Split.TEST);
            assertEquals(40, train.size(), category + " train");
            assertTrue(train.stream().noneMatch(Sample::anomalous), category + " train is good");
            assertEquals(10, test.stream().filter(s -> !s.anomalous()).count(), category + " good test");
            assertEquals(20, test.stream().filter(Sample::anomalous).count(), category + " defective test");
            for (Sample sample : train) {
                assertTrue(sources.add(sample.source()), "duplicate source " + sample.source());
            }
            for (Sample sample : test) {
                assertTrue(sources.add(sample.source()), "duplicate source " + sample.source());
            }
        }
        assertEquals(6 * 70, sources.size(), "sources are unique");
        assertThrows(IllegalArgumentException.class, () -> content.samples("velvet", Split.TRAIN), "unknown category");
    }

    @Test
    void countsDefectTypesAndNamesFollowTheSettings() throws Exception {
        DatasetContent content = SyntheticFixtures.open(Map.of("categories", " pill , fabric,pill", "train-count", "3",
                "test-good-count", "2", "test-defect-count", "7", "image-size", "32"));
        assertEquals(List.of("pill", "fabric"), content.categories(), "given order, trimmed, without repeats");
        Map<String, List<String>> expected = Map.of("fabric", List.of("hole", "stain", "contamination", "scratch"),
                "pill", List.of("crack", "contamination", "stain", "missing", "scratch"));
        for (String category : content.categories()) {
            List<Sample> train = content.samples(category, Split.TRAIN);
            assertEquals(List.of("000", "001", "002"), train.stream().map(Sample::name).toList(), category + " train names");
            assertEquals("synthetic:" + category + "/train/good/001", train.get(1).source(), "source format");
            List<Sample> test = content.samples(category, Split.TEST);
            assertEquals(9, test.size(), category + " test size");
            Map<String, List<String>> byDefect = new TreeMap<>();
            for (Sample sample : test) {
                assertEquals(category, sample.category(), "category of " + sample);
                assertEquals(Split.TEST, sample.split(), "split of " + sample);
                byDefect.computeIfAbsent(sample.defectType(), k -> new ArrayList<>()).add(sample.name());
            }
            assertEquals(List.of("000", "001"), byDefect.remove(Sample.GOOD), category + " good names");
            List<String> types = expected.get(category);
            assertEquals(new java.util.TreeSet<>(types), byDefect.keySet(), category + " defect types");
            // Seven defects cycle through the types: the first 7 mod n types get one more.
            for (int t = 0; t < types.size(); t++) {
                int count = 7 / types.size() + (t < 7 % types.size() ? 1 : 0);
                List<String> names = new ArrayList<>();
                for (int n = 0; n < count; n++) {
                    names.add(String.format("%03d", n));
                }
                assertEquals(names, byDefect.get(types.get(t)), category + "/" + types.get(t) + " names");
            }
            Sample first = test.stream().filter(s -> s.defectType().equals(types.get(0))).findFirst().orElseThrow();
            assertEquals("synthetic:" + category + "/test/" + types.get(0) + "/000", first.source(), "defect source");
        }
    }

    @Test
    void zeroCountsGiveEmptyLists() throws Exception {
        DatasetContent content = SyntheticFixtures.open(Map.of("categories", "grid", "train-count", "0",
                "test-good-count", "0", "test-defect-count", "0"));
        assertEquals(List.of(), content.samples("grid", Split.TRAIN), "train");
        assertEquals(List.of(), content.samples("grid", Split.TEST), "test");
    }

    @Test
    void imagesAreRgbOfTheConfiguredSize() throws Exception {
        DatasetContent content = SyntheticFixtures.open(Map.of("image-size", "48", "train-count", "2",
                "test-good-count", "1", "test-defect-count", "5"));
        for (String category : content.categories()) {
            for (Split split : Split.values()) {
                for (Sample sample : content.samples(category, split)) {
                    BufferedImage image = sample.readImage();
                    assertEquals(BufferedImage.TYPE_INT_RGB, image.getType(), "type of " + sample);
                    assertEquals(48, image.getWidth(), "width of " + sample);
                    assertEquals(48, image.getHeight(), "height of " + sample);
                    sample.readMask().ifPresent(mask -> assertEquals(List.of(48, 48),
                            List.of(mask.width(), mask.height()), "mask size of " + sample));
                }
            }
        }
    }

    @Test
    void sameSettingsSamePixelsOtherSeedOtherPixels() throws Exception {
        Map<String, String> values = Map.of("image-size", "64", "train-count", "2", "test-good-count", "1",
                "test-defect-count", "6", "seed", "7");
        DatasetContent a = SyntheticFixtures.open(values);
        DatasetContent b = SyntheticFixtures.open(values);
        Map<String, String> other = new java.util.HashMap<>(values);
        other.put("seed", "8");
        DatasetContent c = SyntheticFixtures.open(other);
        for (String category : a.categories()) {
            for (Split split : Split.values()) {
                List<Sample> as = a.samples(category, split);
                List<Sample> bs = b.samples(category, split);
                List<Sample> cs = c.samples(category, split);
                for (int i = 0; i < as.size(); i++) {
                    int[] pa = SyntheticFixtures.pixels(as.get(i).readImage());
                    assertArrayEquals(pa, SyntheticFixtures.pixels(bs.get(i).readImage()), "same pixels " + as.get(i));
                    assertArrayEquals(pa, SyntheticFixtures.pixels(as.get(i).readImage()), "re-read " + as.get(i));
                    assertEquals(as.get(i).readMask(), bs.get(i).readMask(), "same mask " + as.get(i));
                    assertFalse(Arrays.equals(pa, SyntheticFixtures.pixels(cs.get(i).readImage())),
                            "seed 8 differs from seed 7 at " + as.get(i));
                }
                // Different indexes give different images too.
                assertFalse(Arrays.equals(SyntheticFixtures.pixels(as.get(0).readImage()),
                        SyntheticFixtures.pixels(as.get(1).readImage())), category + " " + split + " 000 vs 001");
            }
        }
    }

    @Test
    void readsFromSeveralThreadsAgreeWithSequentialReads() throws Exception {
        DatasetContent content = SyntheticFixtures.open(Map.of("image-size", "64", "train-count", "4",
                "test-good-count", "1", "test-defect-count", "5"));
        List<Sample> samples = new ArrayList<>();
        content.categories().forEach(cat -> samples.addAll(content.samples(cat, Split.TEST)));
        List<int[]> expected = new ArrayList<>();
        List<Mask> masks = new ArrayList<>();
        for (Sample sample : samples) {
            expected.add(SyntheticFixtures.pixels(sample.readImage()));
            masks.add(sample.readMask().orElse(null));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<int[]>> images = new ArrayList<>();
            List<Future<Mask>> read = new ArrayList<>();
            for (int round = 0; round < 3; round++) {
                for (Sample sample : samples) {
                    images.add(pool.submit(() -> SyntheticFixtures.pixels(sample.readImage())));
                    read.add(pool.submit(() -> sample.readMask().orElse(null)));
                }
            }
            for (int i = 0; i < images.size(); i++) {
                assertArrayEquals(expected.get(i % samples.size()), images.get(i).get(), "parallel image " + i);
                assertEquals(masks.get(i % samples.size()), read.get(i).get(), "parallel mask " + i);
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void badSettingsNameTheSettingAndWhatIsExpected() throws Exception {
        DataException unknown = SyntheticFixtures.failure(Map.of("categories", "fabric,velvet"));
        assertTrue(unknown.getMessage().contains("'categories'") && unknown.getMessage().contains("velvet")
                && unknown.getMessage().contains(String.join(", ", ALL)), unknown.getMessage());
        DataException small = SyntheticFixtures.failure(Map.of("image-size", "16"));
        assertTrue(small.getMessage().contains("'image-size'") && small.getMessage().contains("'16'")
                && small.getMessage().contains("[32, 1024]"), small.getMessage());
        DataException text = SyntheticFixtures.failure(Map.of("train-count", "many"));
        assertTrue(text.getMessage().contains("'train-count'") && text.getMessage().contains("an integer"),
                text.getMessage());
        DataException negative = SyntheticFixtures.failure(Map.of("test-defect-count", "-1"));
        assertTrue(negative.getMessage().contains("'test-defect-count'"), negative.getMessage());
        DataException seed = SyntheticFixtures.failure(Map.of("seed", "1.5"));
        assertTrue(seed.getMessage().contains("'seed'"), seed.getMessage());
        DataException key = SyntheticFixtures.failure(Map.of("colour", "red"));
        assertTrue(key.getMessage().contains("unknown setting 'colour'") && key.getMessage().contains("image-size"),
                key.getMessage());
    }
}

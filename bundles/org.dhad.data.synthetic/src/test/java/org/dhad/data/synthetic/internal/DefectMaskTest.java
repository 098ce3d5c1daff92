package org.dhad.data.synthetic.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.dhad.api.data.DatasetContent;
import org.dhad.api.data.Mask;
import org.dhad.api.data.Sample;
import org.dhad.api.data.Split;
import org.junit.jupiter.api.Test;

/**
 * Masks are exactly the pixels a defect changed relative to the clean render, and defects are visible,
 * textured and between 0.2% and 5% of the image.
 */
class DefectMaskTest {

    @Test
    void maskIsExactlyTheChangedPixels() throws Exception {
        for (String size : List.of("32", "96")) {
            DatasetContent content = SyntheticFixtures.open(Map.of("image-size", size, "train-count", "0",
                    "test-good-count", "3", "test-defect-count", "15", "seed", "3"));
            for (String category : content.categories()) {
                for (Sample sample : content.samples(category, Split.TEST)) {
                    int[] clean = SyntheticFixtures.pixels(((SyntheticSample) sample).readCleanImage());
                    int[] image = SyntheticFixtures.pixels(sample.readImage());
                    if (!sample.anomalous()) {
                        assertTrue(sample.readMask().isEmpty(), "good sample has no mask: " + sample);
                        assertArrayEquals(clean, image, "good sample equals its clean render: " + sample);
                        continue;
                    }
                    Mask mask = sample.readMask().orElseThrow();
                    int changed = 0;
                    for (int i = 0; i < clean.length; i++) {
                        boolean differs = clean[i] != image[i];
                        changed += differs ? 1 : 0;
                        assertEquals(differs, mask.pixels()[i] == 1, sample + " pixel " + i % mask.width() + ","
                                + i / mask.width() + ": mask must be 1 exactly where the defect changed the pixel");
                        if (differs) {
                            assertTrue(Defect.change(clean[i], image[i]) >= Defect.MIN_CHANGE,
                                    sample + " pixel " + i + " changed visibly");
                        }
                    }
                    assertEquals(changed, mask.count(), "mask count " + sample);
                }
            }
        }
    }

    @Test
    void defectsCoverPointTwoToFivePercentAndVaryInSizeAndColour() throws Exception {
        DatasetContent content = SyntheticFixtures.open(Map.of("image-size", "128", "train-count", "0",
                "test-good-count", "0", "test-defect-count", "60"));
        for (String category : content.categories()) {
            Map<String, double[]> range = new HashMap<>();
            for (Sample sample : content.samples(category, Split.TEST)) {
                Mask mask = sample.readMask().orElseThrow();
                double fraction = mask.count() / (128.0 * 128.0);
                assertTrue(fraction >= 0.002 && fraction <= 0.05,
                        sample + " covers " + fraction * 100 + "% of the image; expected 0.2% to 5%");
                double[] r = range.computeIfAbsent(sample.defectType(), k -> new double[] {1, 0});
                r[0] = Math.min(r[0], fraction);
                r[1] = Math.max(r[1], fraction);
                int[] image = SyntheticFixtures.pixels(sample.readImage());
                Set<Integer> colours = new HashSet<>();
                for (int i = 0; i < image.length; i++) {
                    if (mask.pixels()[i] == 1) {
                        colours.add(image[i]);
                    }
                }
                assertTrue(colours.size() >= Math.min(5, mask.count() / 4),
                        sample + " has only " + colours.size() + " colours in " + mask.count() + " defect pixels");
            }
            range.forEach((defect, r) -> assertTrue(r[1] / r[0] > 1.8, category + "/" + defect
                    + " sizes should vary; got " + r[0] * 100 + "% to " + r[1] * 100 + "%"));
        }
    }

    @Test
    void missingPiecesShowTheBackground() throws Exception {
        DatasetContent content = SyntheticFixtures.open(Map.of("categories", "pill,screw", "train-count", "0",
                "test-good-count", "0", "test-defect-count", "10"));
        for (String category : content.categories()) {
            for (Sample sample : content.samples(category, Split.TEST)) {
                if (!sample.defectType().equals("missing")) {
                    continue;
                }
                SyntheticSample synthetic = (SyntheticSample) sample;
                Canvas clean = Category.byLabel(category).render(128,
                        new java.util.SplittableRandom(keyOf(synthetic, content, category)));
                assertArrayEquals(clean.rgb, SyntheticFixtures.pixels(synthetic.readCleanImage()),
                        "clean render of " + sample);
                int[] image = SyntheticFixtures.pixels(sample.readImage());
                Mask mask = sample.readMask().orElseThrow();
                int background = 0;
                for (int i = 0; i < image.length; i++) {
                    if (mask.pixels()[i] == 1) {
                        assertTrue(clean.region[i], sample + ": a missing piece lies on the object");
                        background += image[i] == clean.background[i] ? 1 : 0;
                    }
                }
                // Object pixels that already look like the background are pushed off it instead, to stay visible.
                assertTrue(background > 0.7 * mask.count(), sample + ": background shows in " + background + " of "
                        + mask.count() + " pixels");
            }
        }
    }

    /** The image key of a test sample with the default seed: its index in the test list. */
    private static long keyOf(SyntheticSample sample, DatasetContent content, String category) {
        int index = content.samples(category, Split.TEST).indexOf(sample);
        return SyntheticSample.key(42, Category.byLabel(category), Split.TEST, index);
    }
}

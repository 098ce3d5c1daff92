package org.dhad.engine.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.SplittableRandom;

import org.dhad.experiment.PasteMode;
import org.dhad.experiment.PasteSpec;
import org.junit.jupiter.api.Test;

/** Pasting labels exactly the written pixels, respects sizes and probability, and is deterministic. */
class NegativePasterTest {

    private static final int SIZE = 64;

    @Test
    void labelsAreExactlyTheChangedPixelsInBothModes() throws Exception {
        for (PasteMode mode : PasteMode.values()) {
            for (int count = 1; count <= 3; count++) {
                PasteSpec spec = PasteSpec.of(java.util.Map.of(PasteSpec.MODE, mode, PasteSpec.COUNT, count,
                        PasteSpec.PROBABILITY, 1.0, PasteSpec.MIN_SCALE, 0.1, PasteSpec.MAX_SCALE, 0.4,
                        PasteSpec.RECTANGLE_STEP, 8));
                for (long seed = 0; seed < 20; seed++) {
                    BufferedImage inlier = TestShapes.grey(seed, SIZE);
                    NegativePaster.Pasted pasted = new NegativePaster(new TestShapes.Discs(), spec)
                            .paste(inlier, new SplittableRandom(seed));
                    int labelled = 0;
                    for (int y = 0; y < SIZE; y++) {
                        for (int x = 0; x < SIZE; x++) {
                            boolean changed = inlier.getRGB(x, y) != pasted.image().getRGB(x, y);
                            assertEquals(changed, pasted.labels().get(x, y),
                                    mode + " count " + count + " seed " + seed + ": label at " + x + "," + y);
                            labelled += changed ? 1 : 0;
                        }
                    }
                    assertTrue(labelled > 0, mode + " seed " + seed + ": something was pasted");
                }
            }
        }
    }

    @Test
    void rectangleSidesAreStepsWithinTheScaleRange() throws Exception {
        // sqrt(area) = 64: sides in [0.2*64, 0.8*64] = [12.8, 51.2] in steps of 16 -> 16, 32 or 48
        PasteSpec spec = PasteSpec.of(java.util.Map.of(PasteSpec.MODE, PasteMode.RECTANGLE, PasteSpec.COUNT, 1,
                PasteSpec.PROBABILITY, 1.0, PasteSpec.MIN_SCALE, 0.2, PasteSpec.MAX_SCALE, 0.8,
                PasteSpec.RECTANGLE_STEP, 16));
        for (long seed = 0; seed < 30; seed++) {
            NegativePaster.Pasted pasted = new NegativePaster(new TestShapes.Discs(), spec)
                    .paste(TestShapes.grey(seed, SIZE), new SplittableRandom(seed));
            int[] box = box(pasted);
            int w = box[2] - box[0] + 1;
            int h = box[3] - box[1] + 1;
            assertTrue(w % 16 == 0 && w >= 16 && w <= 48, "seed " + seed + ": width " + w);
            assertTrue(h % 16 == 0 && h >= 16 && h <= 48, "seed " + seed + ": height " + h);
            assertEquals(w * h, pasted.labels().count(), "seed " + seed + ": the full rectangle is pasted");
        }
    }

    @Test
    void maskLongerSideWithinTheScaleRange() throws Exception {
        PasteSpec spec = PasteSpec.of(java.util.Map.of(PasteSpec.MODE, PasteMode.MASK, PasteSpec.COUNT, 1,
                PasteSpec.PROBABILITY, 1.0, PasteSpec.MIN_SCALE, 0.25, PasteSpec.MAX_SCALE, 0.5,
                PasteSpec.RECTANGLE_STEP, 16));
        for (long seed = 0; seed < 30; seed++) {
            NegativePaster.Pasted pasted = new NegativePaster(new TestShapes.Discs(), spec)
                    .paste(TestShapes.grey(seed, SIZE), new SplittableRandom(seed));
            int[] box = box(pasted);
            int longer = Math.max(box[2] - box[0] + 1, box[3] - box[1] + 1);
            assertTrue(longer >= 14 && longer <= 33, "seed " + seed + ": longer side " + longer + " not in [16, 32]");
        }
    }

    @Test
    void sameSeedSameResultAndProbabilityZeroPastesNothing() throws Exception {
        PasteSpec spec = PasteSpec.of(java.util.Map.of(PasteSpec.MODE, PasteMode.MASK, PasteSpec.COUNT, 2,
                PasteSpec.PROBABILITY, 1.0, PasteSpec.MIN_SCALE, 0.1, PasteSpec.MAX_SCALE, 0.4,
                PasteSpec.RECTANGLE_STEP, 16));
        NegativePaster paster = new NegativePaster(new TestShapes.Discs(), spec);
        BufferedImage inlier = TestShapes.grey(7, SIZE);
        NegativePaster.Pasted a = paster.paste(inlier, new SplittableRandom(42));
        NegativePaster.Pasted b = paster.paste(inlier, new SplittableRandom(42));
        assertEquals(a.labels(), b.labels(), "labels for the same seed");
        assertArrayEquals(a.image().getRGB(0, 0, SIZE, SIZE, null, 0, SIZE),
                b.image().getRGB(0, 0, SIZE, SIZE, null, 0, SIZE), "pixels for the same seed");
        NegativePaster never = new NegativePaster(new TestShapes.Discs(),
                PasteSpec.of(java.util.Map.of(PasteSpec.MODE, PasteMode.MASK, PasteSpec.COUNT, 2,
                        PasteSpec.PROBABILITY, 0.0, PasteSpec.MIN_SCALE, 0.1, PasteSpec.MAX_SCALE, 0.4,
                        PasteSpec.RECTANGLE_STEP, 16)));
        for (long seed = 0; seed < 20; seed++) {
            NegativePaster.Pasted none = never.paste(inlier, new SplittableRandom(seed));
            assertEquals(0, none.labels().count(), "probability 0, seed " + seed);
            assertArrayEquals(inlier.getRGB(0, 0, SIZE, SIZE, null, 0, SIZE),
                    none.image().getRGB(0, 0, SIZE, SIZE, null, 0, SIZE), "image unchanged at probability 0");
        }
    }

    /** Bounding box of the labels: x0, y0, x1, y1. */
    private static int[] box(NegativePaster.Pasted pasted) {
        int[] box = {Integer.MAX_VALUE, Integer.MAX_VALUE, -1, -1};
        for (int y = 0; y < SIZE; y++) {
            for (int x = 0; x < SIZE; x++) {
                if (pasted.labels().get(x, y)) {
                    box[0] = Math.min(box[0], x);
                    box[1] = Math.min(box[1], y);
                    box[2] = Math.max(box[2], x);
                    box[3] = Math.max(box[3], y);
                }
            }
        }
        return box;
    }
}

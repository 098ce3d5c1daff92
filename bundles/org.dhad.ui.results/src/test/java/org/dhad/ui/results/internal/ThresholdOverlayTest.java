package org.dhad.ui.results.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.dhad.results.GalleryImage;
import org.eclipse.swt.graphics.ImageData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The threshold drawing on real gallery files, without a display: scores rise from LOW at the left column to
 * HIGH at the right of a 32² grey image, so the tinted pixels are whole columns that can be counted by hand.
 */
class ThresholdOverlayTest {

    private static final int SIZE = 32;

    private static List<GalleryImage> images(Path temp) throws Exception {
        return RunFixture.gallery(temp, List.of(new RunFixture.Shot("fabric", "good", "000"),
                new RunFixture.Shot("fabric", "hole", "000")), SIZE);
    }

    @Test
    void tintsExactlyThePixelsAtOrAboveTheThreshold(@TempDir Path temp) throws Exception {
        ScoredPixels good = ScoredPixels.decode(images(temp).get(0), 128);
        assertEquals(SIZE, good.width(), "a 32 px image is not reduced for 128 px thumbnails");
        assertNull(good.truth(), "a good image has no mask");
        int tinted = ThresholdOverlay.tint(RunFixture.GREY);
        // column x scores 1 + 4x/31: 2.935 at x = 15, 3.065 at x = 16, so 3.0 tints columns 16..31
        assertEquals(16 * SIZE, count(ThresholdOverlay.render(good, 3.0), tinted), "tinted at 3.0");
        assertEquals(16 * SIZE, ThresholdOverlay.countAbove(good, 3.0), "scores at or above 3.0");
        assertEquals(0, count(ThresholdOverlay.render(good, RunFixture.HIGH + 0.5), tinted), "above HIGH: none");
        assertEquals(SIZE * SIZE, count(ThresholdOverlay.render(good, RunFixture.LOW - 0.5), tinted), "below LOW: all");
        assertEquals(SIZE * SIZE - 16 * SIZE, count(ThresholdOverlay.render(good, 3.0), RunFixture.GREY),
                "the rest keeps the input colour");
        int previous = Integer.MAX_VALUE;
        for (double t = RunFixture.LOW; t <= RunFixture.HIGH; t += 0.25) {
            int n = count(ThresholdOverlay.render(good, t), tinted);
            assertTrue(n <= previous, "a higher threshold never tints more: " + n + " at " + t + " after " + previous);
            previous = n;
        }
        assertEquals(0xC12828, tinted, "60 % red over grey 0x646464");
    }

    @Test
    void outlinesTheGroundTruthInGreenOverTheTint(@TempDir Path temp) throws Exception {
        ScoredPixels defect = ScoredPixels.decode(images(temp).get(1), 128);
        int[] out = ThresholdOverlay.render(defect, 3.0);
        // the mask is the square 8..23: its border is green, its inside and outside are not
        assertEquals(ThresholdOverlay.CONTOUR, out[8 * SIZE + 8], "corner of the mask");
        assertEquals(ThresholdOverlay.CONTOUR, out[15 * SIZE + 23], "right edge of the mask");
        assertEquals(RunFixture.GREY, out[12 * SIZE + 12], "inside the mask, below the threshold");
        assertEquals(ThresholdOverlay.tint(RunFixture.GREY), out[12 * SIZE + 20], "inside the mask, above it");
        assertEquals(RunFixture.GREY, out[7 * SIZE + 8], "outside the mask");
        assertEquals(4 * 15, count(out, ThresholdOverlay.CONTOUR), "a 16 px square has 60 border pixels");
        int contourAbove = 0;
        for (int y = 0; y < SIZE; y++) {
            for (int x = 16; x < SIZE; x++) {
                contourAbove += out[y * SIZE + x] == ThresholdOverlay.CONTOUR ? 1 : 0;
            }
        }
        assertEquals(16 * SIZE - contourAbove, count(out, ThresholdOverlay.tint(RunFixture.GREY)),
                "every pixel above the threshold is tinted unless the contour is drawn over it");
    }

    @Test
    void reducesByBlocksKeepingMaximaAndMaskAndScalesSharply(@TempDir Path temp) throws Exception {
        ScoredPixels half = ScoredPixels.decode(images(temp).get(1), 16);
        assertEquals(16, half.width(), "32 px reduced to 16");
        // block column bx covers x = 2bx and 2bx + 1: its maximum is the score of x = 2bx + 1
        assertEquals(1 + 4.0 * 3 / 31, half.scores()[1], 1e-3, "block maximum of columns 2 and 3");
        assertTrue(half.truth()[4 * 16 + 4] && !half.truth()[3 * 16 + 3], "mask blocks 4..11");
        assertEquals(RunFixture.GREY, half.rgb()[0], "grey average");
        ImageData data = ThresholdOverlay.imageData(ThresholdOverlay.render(half, 3.0), 16, 16, 3);
        assertEquals(48, data.width, "zoom 3");
        int[] expected = ThresholdOverlay.render(half, 3.0);
        assertEquals(expected[5 * 16 + 15], UiTestSupport.rgb(data, 47, 17), "pixel (15, 5) spans 45..47 x 15..17");
        assertArrayEquals(new int[] {expected[0], expected[0], expected[0]}, new int[] {UiTestSupport.rgb(data, 0, 0),
                UiTestSupport.rgb(data, 2, 2), UiTestSupport.rgb(data, 1, 0)}, "pixel (0, 0) is a 3x3 square");
    }

    private static int count(int[] pixels, int rgb) {
        int n = 0;
        for (int p : pixels) {
            n += p == rgb ? 1 : 0;
        }
        return n;
    }
}

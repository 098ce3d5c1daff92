package org.dhad.negatives.segmentation.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;

import org.dhad.api.data.NegativePatch;
import org.dhad.api.data.NegativeSampler;
import org.junit.jupiter.api.Test;

/** Rectangles of the MVTec grid training images. */
class RectangleSourceTest {

    private static final Pattern SOURCE = Pattern.compile("(.*) at (\\d+),(\\d+) (\\d+)x(\\d+)");

    @Test
    void rectanglesAreCropsOfTheImages() throws Exception {
        Path train = NegativeFixtures.shared("mvtec_ad").resolve("grid/train/good");
        NegativeSampler sampler = NegativeFixtures.open("rectangle",
                Map.of("root", train.toString(), "min-size", "32", "max-size", "128"));
        assertEquals(25, sampler.size(), "25 training images");
        SplittableRandom random = new SplittableRandom(5);
        for (int n = 0; n < 12; n++) {
            NegativePatch patch = sampler.draw(random);
            Matcher m = SOURCE.matcher(patch.source());
            assertTrue(m.matches(), patch.source());
            int x0 = Integer.parseInt(m.group(2));
            int y0 = Integer.parseInt(m.group(3));
            int w = patch.image().getWidth();
            int h = patch.image().getHeight();
            assertTrue(w >= 32 && w <= 128 && h >= 32 && h <= 128, "side in [32, 128]: " + w + "x" + h);
            assertEquals(w * h, patch.shape().count(), "the shape is the whole rectangle");
            BufferedImage grey = ImageIO.read(Path.of(m.group(1)).toFile());
            for (int y = 0; y < h; y += 5) {
                for (int x = 0; x < w; x += 3) {
                    int v = grey.getRaster().getSample(x0 + x, y0 + y, 0);
                    assertEquals(v * 0x010101, patch.image().getRGB(x, y) & 0xFFFFFF, "pixel " + x + "," + y);
                }
            }
        }
        NegativePatch a = sampler.draw(new SplittableRandom(99));
        NegativePatch b = sampler.draw(new SplittableRandom(99));
        assertEquals(a.source(), b.source(), "same generator state, same rectangle");
        assertEquals(a.image().getRGB(3, 3), b.image().getRGB(3, 3), "same pixels");
    }
}

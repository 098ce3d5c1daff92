package org.dhad.negatives.segmentation.internal;

import java.awt.Dimension;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.dhad.api.data.ClassLabels;
import org.dhad.api.data.LabelledImage;
import org.dhad.api.data.LabelledImages;
import org.dhad.imageio.ImageFile;

/**
 * The image + mask pairs {@link LayoutDiscovery} found, opened for the segmentation task: each mask read by
 * {@link LabelMap} (the layout's one reader), ignored classes turned into {@link LabelledImages#IGNORED}.
 */
record LabelledPairs(String description, List<LabelledImage> images, List<String> problems)
        implements LabelledImages {

    static LabelledPairs of(String description, List<LayoutDiscovery.Pair> pairs, boolean adeFull,
            Set<Integer> ignored, List<String> problems) {
        List<LabelledImage> images = pairs.stream()
                .<LabelledImage>map(p -> new Pair(p.image(), p.mask(), adeFull, Set.copyOf(ignored))).toList();
        return new LabelledPairs(description, images, List.copyOf(problems));
    }

    /** One pair; the mask must have the image's size. */
    private record Pair(Path image, Path mask, boolean adeFull, Set<Integer> ignored) implements LabelledImage {

        @Override
        public String source() {
            return mask.toString();
        }

        @Override
        public BufferedImage readImage() throws IOException {
            return ImageFile.readRgb(image);
        }

        @Override
        public ClassLabels readLabels() throws IOException {
            LabelMap map = LabelMap.read(mask, null, adeFull);
            Dimension size = ImageFile.size(image);
            if (map.width() != size.width || map.height() != size.height) {
                throw new IOException(mask + " is " + map.width() + "x" + map.height() + " but its image " + image
                        + " is " + size.width + "x" + size.height + "; expected a mask of the image's size");
            }
            int[] labels = map.labels();
            for (int i = 0; i < labels.length; i++) {
                if (ignored.contains(labels[i])) {
                    labels[i] = IGNORED;
                }
            }
            return new ClassLabels(map.width(), map.height(), labels);
        }
    }
}

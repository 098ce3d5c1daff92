package org.dhad.engine.internal;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import org.dhad.api.data.ClassLabels;
import org.dhad.api.data.LabelledImage;
import org.dhad.api.data.LabelledImages;
import org.dhad.engine.EngineException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Batches of a labelled segmentation source: images resized bilinearly, class labels by nearest neighbour,
 * no negatives pasted. The k-th batch of a run is a function of (seed, k) alone: images are taken in a
 * seeded order that is drawn anew each pass over the source, so a resumed run repeats them.
 */
final class SegmentationBatches {

    private static final Logger LOG = LoggerFactory.getLogger(SegmentationBatches.class);
    /** Stream of {@link Seeds} for the segmentation order, apart from the anomaly data's. */
    private static final long STREAM = 17;

    /** One batch: labels {@code count*size*size} class indices as floats, {@link LabelledImages#IGNORED} ignored. */
    record Batch(int count, int size, float[] images, float[] labels) {
    }

    private final List<LabelledImage> images;
    private final int batchSize;
    private final int size;
    private final int classes;
    private final long seed;
    private final Consumer<String> messages;
    private final AtomicInteger skipped = new AtomicInteger();

    /** @param classes the network's class count: labels must lie below it */
    SegmentationBatches(LabelledImages source, int batchSize, int size, int classes, long seed,
            Consumer<String> messages) {
        if (source.images().isEmpty()) {
            throw new IllegalArgumentException(source.description() + " has no labelled images");
        }
        this.images = List.copyOf(source.images());
        this.batchSize = batchSize;
        this.size = size;
        this.classes = classes;
        this.seed = seed;
        this.messages = messages;
    }

    /** Batches in one pass over the images (pretraining's epoch); a last partial batch is left to the next pass. */
    int batchesPerEpoch() {
        return Math.max(1, images.size() / batchSize);
    }

    /** Images skipped so far because they or their labels could not be read. */
    int skipped() {
        return skipped.get();
    }

    /**
     * The {@code index}-th segmentation batch of the run.
     *
     * @throws EngineException when a label lies at or above the network's class count, naming the file
     */
    Batch batch(long index) throws EngineException {
        int plane = size * size;
        float[] imageData = new float[batchSize * 3 * plane];
        float[] labelData = new float[batchSize * plane];
        int count = 0;
        for (int k = 0; k < batchSize; k++) {
            long position = index * batchSize + k;
            int pass = (int) (position / images.size());
            LabelledImage pair = images.get(Seeds.permutation(Seeds.mix(seed, STREAM), pass, images.size())
                    [(int) (position % images.size())]);
            BufferedImage image;
            ClassLabels labels;
            try {
                image = Images.resize(pair.readImage(), size, size);
                labels = Images.resize(pair.readLabels(), size, size);
            } catch (IOException | RuntimeException e) {
                skipped.incrementAndGet();
                LOG.warn("Skipping segmentation image {}: {}", pair.source(), e.getMessage());
                messages.accept("Skipped unreadable segmentation image " + pair.source() + ": " + e.getMessage());
                continue;
            }
            int[] values = labels.labels();
            for (int i = 0; i < plane; i++) {
                int label = values[i];
                if (label >= classes || label < LabelledImages.IGNORED) {
                    throw new EngineException(pair.source() + " holds class " + label + "; expected classes 0 to "
                            + (classes - 1) + " (the network's class count is " + classes + ") or an ignored class: "
                            + "set the backbone's classes or the segmentation source's ignore-classes");
                }
                labelData[count * plane + i] = label;
            }
            Images.toChw(image, imageData, count * 3 * plane);
            count++;
        }
        if (count < batchSize) {
            imageData = java.util.Arrays.copyOf(imageData, count * 3 * plane);
            labelData = java.util.Arrays.copyOf(labelData, count * plane);
        }
        return new Batch(count, size, imageData, labelData);
    }
}

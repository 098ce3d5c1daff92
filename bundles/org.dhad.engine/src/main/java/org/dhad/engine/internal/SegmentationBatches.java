package org.dhad.engine.internal;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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
 * seeded order that is drawn anew each pass over the source, so a resumed run repeats them. While the network
 * trains on one batch, the next one is decoded on a thread of its own (batches are taken in run-wide order), so
 * the training step does not wait for the source's files; what was skipped is reported when a batch is taken.
 */
final class SegmentationBatches implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SegmentationBatches.class);
    /** Stream of {@link Seeds} for the segmentation order, apart from the anomaly data's. */
    private static final long STREAM = 17;

    /** One batch: labels {@code count*size*size} class indices as floats, {@link LabelledImages#IGNORED} ignored. */
    record Batch(int count, int size, float[] images, float[] labels) {
    }

    /** A batch as decoded, with the images left out of it and why. */
    private record Loaded(Batch batch, List<String> skipped) {
    }

    private final List<LabelledImage> images;
    private final int batchSize;
    private final int size;
    private final int classes;
    private final long seed;
    private final Consumer<String> messages;
    private final AtomicInteger skipped = new AtomicInteger();
    private final ExecutorService prefetch = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "dhad-segmentation-batches");
        thread.setDaemon(true);
        return thread;
    });
    /** The seeded order of the pass last drawn (prefetch thread only). */
    private int[] order;
    private int orderPass = -1;
    private long nextIndex = -1;
    private CompletableFuture<Loaded> next;

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
     * The {@code index}-th segmentation batch of the run, decoded ahead when it follows the one taken before.
     *
     * @throws EngineException when a label lies at or above the network's class count, naming the file
     */
    Batch batch(long index) throws EngineException {
        CompletableFuture<Loaded> pending = next != null && nextIndex == index ? next : submit(index);
        nextIndex = index + 1;
        next = submit(nextIndex);
        Loaded loaded;
        try {
            loaded = pending.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof EngineException engine) {
                throw engine;
            }
            throw e;
        }
        for (String problem : loaded.skipped()) {
            skipped.incrementAndGet();
            messages.accept(problem);
        }
        return loaded.batch();
    }

    private CompletableFuture<Loaded> submit(long index) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return load(index);
            } catch (EngineException e) {
                throw new CompletionException(e);
            }
        }, prefetch);
    }

    private Loaded load(long index) throws EngineException {
        int plane = size * size;
        float[] imageData = new float[batchSize * 3 * plane];
        float[] labelData = new float[batchSize * plane];
        List<String> problems = new ArrayList<>();
        int count = 0;
        for (int k = 0; k < batchSize; k++) {
            long position = index * batchSize + k;
            LabelledImage pair = images.get(order((int) (position / images.size()))[(int) (position % images.size())]);
            BufferedImage image;
            ClassLabels labels;
            try {
                image = Images.resize(pair.readImage(), size, size);
                labels = Images.resize(pair.readLabels(), size, size);
            } catch (IOException | RuntimeException e) {
                LOG.warn("Skipping segmentation image {}: {}", pair.source(), e.getMessage());
                problems.add("Skipped unreadable segmentation image " + pair.source() + ": " + e.getMessage());
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
            imageData = Arrays.copyOf(imageData, count * 3 * plane);
            labelData = Arrays.copyOf(labelData, count * plane);
        }
        return new Loaded(new Batch(count, size, imageData, labelData), problems);
    }

    /** The seeded order of one pass over the images, drawn once per pass rather than once per image. */
    private int[] order(int pass) {
        if (pass != orderPass) {
            order = Seeds.permutation(Seeds.mix(seed, STREAM), pass, images.size());
            orderPass = pass;
        }
        return order;
    }

    /** Stops decoding ahead; a batch being decoded is left to finish on its daemon thread. */
    @Override
    public void close() {
        prefetch.shutdownNow();
    }
}

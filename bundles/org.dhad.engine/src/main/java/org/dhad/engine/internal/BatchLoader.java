package org.dhad.engine.internal;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import org.dhad.api.data.DecodedCache;
import org.dhad.api.data.Mask;
import org.dhad.api.data.Sample;
import org.dhad.experiment.Schedule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds training batches on background threads: read, resize (bilinear), mirror (when the schedule asks),
 * paste negatives, convert to
 * float CHW. Batches are requested ahead into a bounded window and handed out in order, so the
 * training thread waits only when loading is slower than compute. Everything random in a sample comes
 * from (seed, epoch, sample index), so batches are identical for any number of threads.
 */
final class BatchLoader implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BatchLoader.class);
    /** Changes with {@link Images#resize} or the stored layout, so that older entries are never found. */
    private static final int DISK_FORMAT = 1;

    private final List<Sample> samples;
    private final NegativePaster paster;
    private final int batchSize;
    private final int size;
    private final double flipProbability;
    private final long seed;
    private final int ahead;
    private final ExecutorService workers;
    private final Consumer<String> messages;
    private final AtomicInteger skipped = new AtomicInteger();
    private final AtomicLong waitNanos = new AtomicLong();
    private final ImageCache cache;

    /**
     * @param schedule batch size, input size, loader threads and flip probability
     */
    BatchLoader(List<Sample> samples, NegativePaster paster, Schedule schedule, long seed,
            Consumer<String> messages) {
        this(samples, paster, schedule, seed, messages, 0);
    }

    /**
     * @param cacheBytes memory for training images kept decoded and resized after their first epoch (0: none)
     */
    BatchLoader(List<Sample> samples, NegativePaster paster, Schedule schedule, long seed,
            Consumer<String> messages, long cacheBytes) {
        this(samples, paster, schedule, seed, messages, cacheBytes, DecodedCache.NONE);
    }

    /**
     * @param cacheBytes memory for training images kept decoded and resized after their first epoch (0: none)
     * @param disk       where resized images of image files are kept for later processes
     */
    BatchLoader(List<Sample> samples, NegativePaster paster, Schedule schedule, long seed,
            Consumer<String> messages, long cacheBytes, DecodedCache disk) {
        this.cache = new ImageCache(cacheBytes, disk);
        if (samples.isEmpty()) {
            throw new IllegalArgumentException("No training samples to load");
        }
        this.samples = List.copyOf(samples);
        this.paster = Objects.requireNonNull(paster, "paster");
        this.batchSize = schedule.batchSize();
        this.size = schedule.inputSize();
        this.flipProbability = schedule.flipProbability();
        this.seed = seed;
        this.messages = messages;
        int threads = schedule.loaderThreads();
        this.ahead = 2 * threads;
        AtomicInteger counter = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "dhad-loader-" + counter.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Batches per epoch: the last partial batch is dropped so every step sees the same batch size. */
    int batchesPerEpoch() {
        return Math.max(1, samples.size() / batchSize);
    }

    /** Samples skipped so far because they could not be read. */
    int skipped() {
        return skipped.get();
    }

    /** The cache of resized training images. */
    ImageCache cache() {
        return cache;
    }

    /** Total time the training thread waited in {@link Epoch#next()}. */
    long waitNanos() {
        return waitNanos.get();
    }

    /** The batches of one epoch from batch {@code first} on. */
    Epoch epoch(int epoch, int first) {
        return new Epoch(epoch, first);
    }

    /** Iterates one epoch's batches in order, with a bounded window of batches built ahead. */
    final class Epoch implements AutoCloseable {

        private final int epoch;
        private final int[] order;
        private final Deque<Future<TrainingBatch>> pending = new ArrayDeque<>();
        private int nextToSubmit;
        private long lastWaitNanos;

        private Epoch(int epoch, int first) {
            this.epoch = epoch;
            this.order = Seeds.permutation(seed, epoch, samples.size());
            this.nextToSubmit = first;
            fill();
        }

        boolean hasNext() {
            return !pending.isEmpty();
        }

        /** The next batch, waiting for it if it is not built yet. */
        TrainingBatch next() throws InterruptedException {
            long start = System.nanoTime();
            try {
                return pending.removeFirst().get();
            } catch (ExecutionException e) {
                throw new IllegalStateException("Building a training batch failed: " + e.getCause().getMessage(),
                        e.getCause());
            } finally {
                lastWaitNanos = System.nanoTime() - start;
                waitNanos.addAndGet(lastWaitNanos);
                fill();
            }
        }

        /** How long the last {@link #next()} waited. */
        long lastWaitNanos() {
            return lastWaitNanos;
        }

        private void fill() {
            while (pending.size() < ahead && nextToSubmit < batchesPerEpoch()) {
                int index = nextToSubmit++;
                pending.addLast(workers.submit(() -> build(epoch, order, index)));
            }
        }

        @Override
        public void close() {
            pending.forEach(f -> f.cancel(true));
            pending.clear();
        }
    }

    private TrainingBatch build(int epoch, int[] order, int index) {
        int from = index * batchSize;
        int to = Math.min(order.length, from + batchSize);
        int plane = size * size;
        float[] images = new float[(to - from) * 3 * plane];
        float[] labels = new float[(to - from) * plane];
        int count = 0;
        for (int k = from; k < to; k++) {
            int sampleIndex = order[k];
            Sample sample = samples.get(sampleIndex);
            SplittableRandom random = Seeds.random(seed, 2, epoch, sampleIndex);
            BufferedImage image;
            try {
                image = cache.get(sampleIndex, () -> diskKey(sample), () -> Images.resize(sample.readImage(), size, size));
            } catch (IOException | RuntimeException e) {
                skipped.incrementAndGet();
                LOG.warn("Skipping training sample {}: {}", sample.source(), e.getMessage());
                messages.accept("Skipped unreadable training sample " + sample.source() + ": " + e.getMessage());
                continue;
            }
            // its own stream, drawn only when flipping is on: runs without it keep their numbers
            if (flipProbability > 0 && Seeds.random(seed, 3, epoch, sampleIndex).nextDouble() < flipProbability) {
                image = Images.mirror(image);
            }
            NegativePaster.Pasted pasted;
            try {
                pasted = paster.paste(image, random);
            } catch (IOException e) {
                LOG.warn("Negative for {} not pasted: {}", sample.source(), e.getMessage());
                messages.accept("Negative not pasted onto " + sample.source() + ": " + e.getMessage());
                pasted = new NegativePaster.Pasted(image, Mask.empty(size, size));
            }
            Images.toChw(pasted.image(), images, count * 3 * plane);
            byte[] mask = pasted.labels().pixels();
            for (int i = 0; i < plane; i++) {
                labels[count * plane + i] = mask[i];
            }
            count++;
        }
        if (count < to - from) {
            images = Arrays.copyOf(images, count * 3 * plane);
            labels = Arrays.copyOf(labels, count * plane);
        }
        return new TrainingBatch(index, count, size, images, labels);
    }

    /**
     * The disk tier's key of a sample's resized image: the dataset's sample type and its file as it is now, the size,
     * the resize and the Java runtime (whose bilinear drawing it is); null for a sample without an image file.
     */
    private String diskKey(Sample sample) throws IOException {
        Optional<Path> file = Images.file(sample);
        if (file.isEmpty()) {
            return null;
        }
        return "training-image v" + DISK_FORMAT + "|" + sample.getClass().getName() + "|"
                + DecodedCache.fileIdentity(file.get()) + "|" + size + "x" + size + "|bilinear quality TYPE_INT_RGB|"
                + Runtime.version();
    }

    @Override
    public void close() {
        workers.shutdownNow();
    }
}

package org.dhad.engine.internal;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.dhad.api.data.DecodedCache;
import org.dhad.imageio.RgbImages;

/**
 * Training images decoded and resized once, kept for the later epochs within a byte budget. Every epoch visits
 * every image, so once the budget is full the cache keeps what it holds instead of evicting (evicting least
 * recently used images would miss on every image of a set larger than the budget). An image is a pure function of
 * its sample, so hits and misses change only time. Callers read cached images and never modify them.
 * <p>
 * Behind the memory sits the disk tier: a miss reads the image a process stored earlier under the sample's disk
 * key (its file's identity and the transform), and an image decoded here is stored there for the next process.
 */
final class ImageCache {

    /** Decodes and resizes on a miss. */
    interface Loader {
        BufferedImage load() throws IOException;
    }

    /** The disk tier's key of a sample, asked for on a miss only; null when the sample has no file to key it by. */
    interface DiskKey {
        String get() throws IOException;
    }

    private final long budgetBytes;
    private final DecodedCache disk;
    private final ConcurrentHashMap<Integer, BufferedImage> images = new ConcurrentHashMap<>();
    private final AtomicLong usedBytes = new AtomicLong();
    private final AtomicLong hits = new AtomicLong();
    private final AtomicLong misses = new AtomicLong();
    private final AtomicLong diskHits = new AtomicLong();

    /** {@code budgetBytes}: 0 keeps nothing in memory; {@code disk}: the disk tier ({@link DecodedCache#NONE}). */
    ImageCache(long budgetBytes, DecodedCache disk) {
        this.budgetBytes = Math.max(0, budgetBytes);
        this.disk = disk;
    }

    /**
     * The image of {@code sample}: from memory, else from the disk tier under {@code diskKey}, else loaded and
     * stored in both.
     */
    BufferedImage get(int sample, DiskKey keys, Loader loader) throws IOException {
        BufferedImage cached = images.get(sample);
        if (cached != null) {
            hits.incrementAndGet();
            return cached;
        }
        misses.incrementAndGet();
        String diskKey = disk.enabled() ? keys.get() : null;
        BufferedImage image = diskKey == null ? null : fromDisk(diskKey);
        if (image == null) {
            image = loader.load();
            if (diskKey != null) {
                disk.write(diskKey, toBytes(image));
            }
        }
        long bytes = 4L * image.getWidth() * image.getHeight(); // TYPE_INT_RGB
        if (usedBytes.addAndGet(bytes) <= budgetBytes) {
            if (images.putIfAbsent(sample, image) != null) {
                usedBytes.addAndGet(-bytes); // another thread stored the same image first
            }
        } else {
            usedBytes.addAndGet(-bytes);
        }
        return image;
    }

    private BufferedImage fromDisk(String key) {
        Optional<ByteBuffer> stored = disk.read(key);
        if (stored.isEmpty()) {
            return null;
        }
        ByteBuffer in = stored.get();
        int width = in.getInt();
        int height = in.getInt();
        if (width <= 0 || height <= 0 || in.remaining() != RgbImages.bytes(width, height)) {
            return null; // the key names the size, so only a changed format gets here
        }
        diskHits.incrementAndGet();
        return RgbImages.get(in, width, height);
    }

    private static ByteBuffer toBytes(BufferedImage image) {
        ByteBuffer out = ByteBuffer.allocate(8 + RgbImages.bytes(image.getWidth(), image.getHeight()));
        out.putInt(image.getWidth()).putInt(image.getHeight());
        RgbImages.put(image, out);
        return out.flip();
    }

    long hits() {
        return hits.get();
    }

    long misses() {
        return misses.get();
    }

    /** Misses served by the disk tier. */
    long diskHits() {
        return diskHits.get();
    }

    long usedBytes() {
        return usedBytes.get();
    }
}

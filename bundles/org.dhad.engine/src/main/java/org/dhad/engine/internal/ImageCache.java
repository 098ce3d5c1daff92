package org.dhad.engine.internal;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Training images decoded and resized once, kept for the later epochs within a byte budget. Every epoch visits
 * every image, so once the budget is full the cache keeps what it holds instead of evicting (evicting least
 * recently used images would miss on every image of a set larger than the budget). An image is a pure function of
 * its sample, so hits and misses change only time. Callers read cached images and never modify them.
 */
final class ImageCache {

    /** Decodes and resizes on a miss. */
    interface Loader {
        BufferedImage load() throws IOException;
    }

    private final long budgetBytes;
    private final ConcurrentHashMap<Integer, BufferedImage> images = new ConcurrentHashMap<>();
    private final AtomicLong usedBytes = new AtomicLong();
    private final AtomicLong hits = new AtomicLong();
    private final AtomicLong misses = new AtomicLong();

    /** {@code budgetBytes}: 0 keeps nothing. */
    ImageCache(long budgetBytes) {
        this.budgetBytes = Math.max(0, budgetBytes);
    }

    BufferedImage get(int sample, Loader loader) throws IOException {
        BufferedImage cached = images.get(sample);
        if (cached != null) {
            hits.incrementAndGet();
            return cached;
        }
        misses.incrementAndGet();
        BufferedImage image = loader.load();
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

    long hits() {
        return hits.get();
    }

    long misses() {
        return misses.get();
    }

    long usedBytes() {
        return usedBytes.get();
    }
}

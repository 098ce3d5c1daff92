package org.dhad.ui.results.internal;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

import org.dhad.results.GalleryImage;

/**
 * Decodes gallery images off the UI thread and keeps the most recently used ones, up to {@link #MAX_BYTES}, so
 * that paging back and forth or reopening a filter does not read the PNGs again. One per gallery; {@link #close}
 * stops its threads.
 */
final class PixelCache implements AutoCloseable {

    /** Bound on decoded pixels kept: about 450 thumbnails of 128². */
    static final long MAX_BYTES = 64L << 20;

    private final ExecutorService decoders;
    private final ExecutorService renderer;
    private final Map<String, CompletableFuture<ScoredPixels>> entries = new LinkedHashMap<>(64, 0.75f, true);

    PixelCache(String name) {
        // Decoding is PNG inflation, CPU bound: leave one core to the UI and the training job.
        int threads = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors() - 1));
        decoders = Executors.newFixedThreadPool(threads, daemon(name + "-decode"));
        renderer = Executors.newSingleThreadExecutor(daemon(name + "-render"));
    }

    /** The pixels of {@code image} at most {@code maxSide} a side, decoded once. */
    synchronized CompletableFuture<ScoredPixels> get(GalleryImage image, int maxSide) {
        String key = maxSide + "|" + image.scores();
        CompletableFuture<ScoredPixels> entry = entries.get(key);
        if (entry == null || entry.isCompletedExceptionally()) {
            entry = new CompletableFuture<>();
            CompletableFuture<ScoredPixels> result = entry;
            decoders.execute(() -> {
                try {
                    result.complete(ScoredPixels.decode(image, maxSide));
                } catch (Exception | OutOfMemoryError e) {
                    result.completeExceptionally(e);
                }
                trim();
            });
            entries.put(key, entry);
        }
        return entry;
    }

    /** Runs {@code work} on the single rendering thread, after renders asked for earlier. */
    void render(Runnable work) {
        renderer.execute(work);
    }

    /** Runs {@code work} on a decoding thread (plain overlay PNGs of older runs). */
    void decode(Runnable work) {
        decoders.execute(work);
    }

    private synchronized void trim() {
        long total = 0;
        for (CompletableFuture<ScoredPixels> f : entries.values()) {
            total += f.isDone() && !f.isCompletedExceptionally() ? f.join().bytes() : 0;
        }
        // Least recently used first; entries still decoding are kept.
        for (Iterator<CompletableFuture<ScoredPixels>> it = entries.values().iterator(); it.hasNext()
                && total > MAX_BYTES;) {
            CompletableFuture<ScoredPixels> f = it.next();
            if (f.isDone()) {
                total -= f.isCompletedExceptionally() ? 0 : f.join().bytes();
                it.remove();
            }
        }
    }

    @Override
    public void close() {
        decoders.shutdownNow();
        renderer.shutdownNow();
        synchronized (this) {
            entries.clear();
        }
    }

    private static ThreadFactory daemon(String name) {
        AtomicInteger count = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + count.incrementAndGet());
            t.setDaemon(true);
            t.setPriority(Thread.NORM_PRIORITY - 1);
            return t;
        };
    }
}

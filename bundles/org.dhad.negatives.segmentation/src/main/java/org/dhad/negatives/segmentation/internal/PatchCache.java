package org.dhad.negatives.segmentation.internal;

import java.io.IOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.dhad.api.data.NegativePatch;

/**
 * Cut patches (image crop and shape mask) kept in memory, least recently used first out, within a byte budget.
 * A draw that hits the cache skips decoding the dataset's image and mask (an ADE20K image is 2200x1650 JPEG and
 * PNG). A patch is a pure function of its key, so whether a draw hits changes nothing but time: the sampler asks
 * the cache for the same key in the same order whatever it holds.
 */
final class PatchCache {

    /** Computes on a miss the patch asked for, and any others the same decoding gave, by key. */
    interface Cutter {
        Map<Object, NegativePatch> cut() throws IOException;
    }

    private final long budgetBytes;
    private final LinkedHashMap<Object, NegativePatch> patches = new LinkedHashMap<>(64, 0.75f, true);
    private final AtomicLong hits = new AtomicLong();
    private final AtomicLong misses = new AtomicLong();
    private long usedBytes;

    /** {@code budgetBytes}: 0 keeps nothing. */
    PatchCache(long budgetBytes) {
        this.budgetBytes = Math.max(0, budgetBytes);
    }

    /**
     * The patch under {@code key}, cut on a miss; the other patches the cutter returns are kept too, the asked-for
     * one last, so that it is the most recently used. Cutting runs outside the lock, so threads decode in parallel;
     * two threads missing the same key both cut it and get equal patches.
     */
    NegativePatch get(Object key, Cutter cutter) throws IOException {
        synchronized (this) {
            NegativePatch cached = patches.get(key);
            if (cached != null) {
                hits.incrementAndGet();
                return cached;
            }
        }
        misses.incrementAndGet();
        Map<Object, NegativePatch> cut = cutter.cut();
        NegativePatch patch = cut.get(key);
        for (Map.Entry<Object, NegativePatch> other : cut.entrySet()) {
            if (!other.getKey().equals(key)) {
                keep(other.getKey(), other.getValue());
            }
        }
        keep(key, patch);
        return patch;
    }

    private void keep(Object key, NegativePatch patch) {
        long bytes = bytes(patch);
        if (bytes > budgetBytes) {
            return;
        }
        synchronized (this) {
            if (patches.putIfAbsent(key, patch) == null) {
                usedBytes += bytes;
                Iterator<Map.Entry<Object, NegativePatch>> eldest = patches.entrySet().iterator();
                while (usedBytes > budgetBytes && eldest.hasNext()) {
                    usedBytes -= bytes(eldest.next().getValue());
                    eldest.remove();
                }
            }
        }
    }

    /** Heap taken by a patch: four bytes per RGB pixel and one per mask pixel. */
    static long bytes(NegativePatch patch) {
        return bytes(patch.image().getWidth(), patch.image().getHeight());
    }

    static long bytes(int width, int height) {
        return 5L * width * height;
    }

    long hits() {
        return hits.get();
    }

    long misses() {
        return misses.get();
    }

    synchronized long usedBytes() {
        return usedBytes;
    }
}

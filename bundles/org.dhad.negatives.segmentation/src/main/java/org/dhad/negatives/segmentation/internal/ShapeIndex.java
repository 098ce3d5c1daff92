package org.dhad.negatives.segmentation.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import org.dhad.imageio.ImageFile;
import org.dhad.negatives.segmentation.internal.IndexedFile.FileState;
import org.dhad.negatives.segmentation.internal.LayoutDiscovery.Pair;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the shape index of a list of image + mask pairs, reusing the cache file's entries whose mask and
 * image still have the same size and modification time, and rewriting the cache when anything changed.
 */
final class ShapeIndex {

    private static final Logger LOG = LoggerFactory.getLogger(ShapeIndex.class);

    private final ShapeFinder finder;
    private final boolean adeFull;
    private final AtomicInteger masksRead = new AtomicInteger();

    ShapeIndex(ShapeFinder finder, boolean adeFull) {
        this.finder = finder;
        this.adeFull = adeFull;
    }

    /** How many mask files were decoded by {@link #build}; 0 when everything came from the cache. */
    int masksRead() {
        return masksRead.get();
    }

    /**
     * The indexed files, in the order of {@code pairs}; files that cannot be used are left out with a
     * problem each.
     */
    List<IndexedFile> build(List<Pair> pairs, Path cacheFile, List<String> problems) {
        Map<Path, IndexedFile> cached;
        try {
            cached = ShapeCache.read(cacheFile);
        } catch (IOException e) {
            LOG.warn("Ignoring the shape cache {}: {}", cacheFile, e.getMessage());
            cached = Map.of();
        }
        IndexedFile[] result = new IndexedFile[pairs.size()];
        FileState[][] states = new FileState[pairs.size()][];
        List<Integer> todo = new ArrayList<>();
        List<String> found = Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < pairs.size(); i++) {
            Pair pair = pairs.get(i);
            try {
                states[i] = new FileState[] {state(pair.image()), state(pair.mask())};
            } catch (IOException e) {
                found.add(e.getMessage());
                continue;
            }
            IndexedFile entry = cached.get(pair.mask());
            if (entry != null && entry.image().equals(pair.image()) && entry.imageState().equals(states[i][0])
                    && entry.maskState().equals(states[i][1])) {
                result[i] = entry;
            } else {
                todo.add(i);
            }
        }
        // Masks are independent: decode them on all cores; each result goes to its own slot.
        todo.parallelStream().forEach(i -> {
            try {
                result[i] = read(pairs.get(i), states[i][0], states[i][1]);
            } catch (IOException | RuntimeException e) {
                String message = String.valueOf(e.getMessage());
                String mask = pairs.get(i).mask().toString();
                found.add((message.startsWith(mask) ? message : mask + ": " + message) + " (left out)");
            }
        });
        List<IndexedFile> files = Arrays.stream(result).filter(Objects::nonNull).toList();
        boolean stale = !todo.isEmpty() || cached.size() != files.size()
                || IntStream.range(0, result.length).anyMatch(i -> result[i] == null && states[i] != null);
        if (stale) {
            try {
                ShapeCache.write(cacheFile, files);
            } catch (IOException e) {
                LOG.warn("Cannot write the shape cache {} ({}); the next open indexes the masks again", cacheFile,
                        e.toString());
            }
        }
        List<String> sorted = new ArrayList<>(found);
        Collections.sort(sorted);
        problems.addAll(sorted);
        return files;
    }

    private IndexedFile read(Pair pair, FileState imageState, FileState maskState) throws IOException {
        java.awt.Dimension size = ImageFile.size(pair.image());
        LabelMap labels = LabelMap.read(pair.mask(), null, adeFull);
        masksRead.incrementAndGet();
        if (labels.width() != size.width || labels.height() != size.height) {
            throw new IOException(pair.mask() + " is " + labels.width() + "x" + labels.height() + "; expected "
                    + size.width + "x" + size.height + " like its image " + pair.image());
        }
        return new IndexedFile(pair.image(), pair.mask(), imageState, maskState, labels.width(), labels.height(),
                List.copyOf(finder.find(labels.labels(), labels.width(), labels.height())));
    }

    private static FileState state(Path file) throws IOException {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            return new FileState(attributes.size(), attributes.lastModifiedTime().toMillis());
        } catch (IOException e) {
            throw new IOException(file + ": cannot be read (" + e + "); expected a readable file (left out)", e);
        }
    }
}

package org.dhad.negatives.segmentation.internal;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.dhad.negatives.segmentation.internal.IndexedFile.FileState;

import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonWriter;

/**
 * The shape index in a JSON file, so that opening a large dataset again does not decode every mask.
 * Entries are keyed by mask path; the caller decides which are still valid.
 */
final class ShapeCache {

    private static final int VERSION = 1;

    private ShapeCache() {
    }

    /** The cached entries by mask path; empty when there is no cache file. */
    static Map<Path, IndexedFile> read(Path file) throws IOException {
        Map<Path, IndexedFile> entries = new HashMap<>();
        if (!Files.isRegularFile(file)) {
            return entries;
        }
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8); JsonReader json = new JsonReader(in)) {
            json.beginObject();
            while (json.hasNext()) {
                String name = json.nextName();
                if (name.equals("version")) {
                    int version = json.nextInt();
                    if (version != VERSION) {
                        throw new IOException(file + " has version " + version + "; expected " + VERSION);
                    }
                } else if (name.equals("files")) {
                    json.beginArray();
                    while (json.hasNext()) {
                        IndexedFile entry = entry(json);
                        entries.put(entry.mask(), entry);
                    }
                    json.endArray();
                } else {
                    json.skipValue();
                }
            }
            json.endObject();
        } catch (IllegalStateException | NumberFormatException e) {
            throw new IOException(file + " is not a shape cache (" + e.getMessage() + "); expected the JSON "
                    + "written by this plugin", e);
        }
        return entries;
    }

    private static IndexedFile entry(JsonReader json) throws IOException {
        json.beginArray();
        Path image = Path.of(json.nextString());
        Path mask = Path.of(json.nextString());
        FileState imageState = new FileState(json.nextLong(), json.nextLong());
        FileState maskState = new FileState(json.nextLong(), json.nextLong());
        int width = json.nextInt();
        int height = json.nextInt();
        List<Shape> shapes = new ArrayList<>();
        json.beginArray();
        while (json.hasNext()) {
            json.beginArray();
            int[] numbers = new int[8];
            int n = 0;
            while (json.hasNext()) {
                int value = json.nextInt();
                if (n < numbers.length) {
                    numbers[n] = value;
                }
                n++;
            }
            json.endArray();
            shapes.add(Shape.fromArray(n == numbers.length ? numbers : new int[n]));
        }
        json.endArray();
        json.endArray();
        return new IndexedFile(image, mask, imageState, maskState, width, height, List.copyOf(shapes));
    }

    /** Writes the entries through a temporary file, so that a reader never sees half a cache. */
    static void write(Path file, List<IndexedFile> entries) throws IOException {
        Files.createDirectories(file.getParent());
        Path temp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
        try {
            try (Writer out = Files.newBufferedWriter(temp, StandardCharsets.UTF_8); JsonWriter json = new JsonWriter(out)) {
                json.beginObject().name("version").value(VERSION).name("files").beginArray();
                for (IndexedFile entry : entries) {
                    json.beginArray().value(entry.image().toString()).value(entry.mask().toString())
                            .value(entry.imageState().size()).value(entry.imageState().modified())
                            .value(entry.maskState().size()).value(entry.maskState().modified())
                            .value(entry.width()).value(entry.height()).beginArray();
                    for (Shape shape : entry.shapes()) {
                        json.beginArray();
                        for (int v : shape.toArray()) {
                            json.value(v);
                        }
                        json.endArray();
                    }
                    json.endArray().endArray();
                }
                json.endArray().endObject();
            }
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}

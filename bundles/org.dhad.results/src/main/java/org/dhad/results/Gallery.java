package org.dhad.results;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import com.google.gson.Gson;
import com.google.gson.JsonParseException;

/**
 * The scored test images of an evaluated run ({@code gallery.json}): for each, the heat-map overlay, the input
 * as the network saw it, its scores as a 16-bit PNG over the category's display range, and the ground-truth
 * mask where the image has a defect. Enough to redraw any threshold without rerunning the network.
 *
 * @param runDir the run folder the paths are relative to
 * @param images every scored test image, in dataset order
 */
public record Gallery(Path runDir, List<GalleryImage> images) {

    /** The file's name in a run folder. */
    public static final String FILE = "gallery.json";

    /** Category of images without a defect, as MVTec AD names it. */
    public static final String GOOD = "good";

    private record Entry(String id, String category, String defect, String overlay, String input, String scores,
            String truth, double low, double high, double maxScore) {
    }

    private record Document(List<Entry> images) {
    }

    public Gallery {
        images = List.copyOf(images);
    }

    /** Reads {@code gallery.json} in {@code runDir}. */
    public static Gallery read(Path runDir) throws ResultsException {
        Path file = runDir.resolve(FILE);
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            Document d = new Gson().fromJson(in, Document.class);
            if (d == null || d.images() == null) {
                throw new ResultsException(file + ": expected a field 'images' listing the scored test images");
            }
            return new Gallery(runDir, d.images().stream().map(e -> image(runDir, file, e)).toList());
        } catch (IOException e) {
            throw new ResultsException(file, "cannot be read: " + e.getMessage(), e);
        } catch (JsonParseException | IllegalArgumentException e) {
            throw new ResultsException(file, "is not a valid gallery file: " + e.getMessage(), e);
        }
    }

    private static GalleryImage image(Path runDir, Path file, Entry e) {
        if (e.id() == null || e.category() == null || e.overlay() == null || e.scores() == null) {
            throw new IllegalArgumentException("an image entry lacks id, category, overlay or scores");
        }
        return new GalleryImage(e.id(), e.category(), e.defect() == null ? GOOD : e.defect(),
                runDir.resolve(e.overlay()), e.input() == null ? null : runDir.resolve(e.input()),
                runDir.resolve(e.scores()), e.truth() == null ? null : runDir.resolve(e.truth()), e.low(), e.high(),
                e.maxScore());
    }

    /** Categories, in the order their first image appears. */
    public List<String> categories() {
        LinkedHashSet<String> out = new LinkedHashSet<>();
        images.forEach(i -> out.add(i.category()));
        return List.copyOf(out);
    }

    /** Defect types of {@code category} ({@code null}: of all categories), in order of appearance. */
    public List<String> defects(String category) {
        LinkedHashSet<String> out = new LinkedHashSet<>();
        images.stream().filter(i -> category == null || i.category().equals(category)).forEach(i -> out.add(i.defect()));
        return List.copyOf(out);
    }

    /** The images of {@code category} and {@code defect}; {@code null} for either matches all. */
    public List<GalleryImage> filter(String category, String defect) {
        return images.stream().filter(i -> category == null || i.category().equals(category))
                .filter(i -> defect == null || i.defect().equals(defect)).toList();
    }

    /** Writes the index the engine produces; here so that reader and writer share one format. */
    public static void write(Path runDir, List<GalleryImage> images) throws IOException {
        List<Entry> entries = images.stream().map(i -> new Entry(i.id(), i.category(), i.defect(),
                relative(runDir, i.overlay()), relative(runDir, i.input()), relative(runDir, i.scores()),
                relative(runDir, i.truth()), i.low(), i.high(), i.maxScore())).toList();
        Files.writeString(runDir.resolve(FILE), new com.google.gson.GsonBuilder().setPrettyPrinting().create()
                .toJson(new Document(entries)), StandardCharsets.UTF_8);
    }

    private static String relative(Path runDir, Path file) {
        return file == null ? null : runDir.relativize(file).toString().replace('\\', '/');
    }

    /** Counts per defect type of one category, for filters. */
    public Map<String, Long> defectCounts(String category) {
        return images.stream().filter(i -> category == null || i.category().equals(category))
                .collect(java.util.stream.Collectors.groupingBy(GalleryImage::defect, java.util.LinkedHashMap::new,
                        java.util.stream.Collectors.counting()));
    }
}

package org.dhad.ui.results.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.dhad.results.Gallery;
import org.dhad.results.GalleryImage;

/**
 * The overlays of a run evaluated before scores were kept, {@code heatmaps/<category>/<defect>/<name>.png}, as
 * a gallery without scores (scores, input and truth null, range NaN), so that the same filters apply.
 */
final class HeatmapFolder {

    static final String FOLDER = "heatmaps";

    private HeatmapFolder() {
    }

    static Gallery gallery(Path runDir) {
        Path root = runDir.resolve(FOLDER);
        if (!Files.isDirectory(root)) {
            return new Gallery(runDir, List.of());
        }
        try (Stream<Path> files = Files.find(root, 3, (p, a) -> a.isRegularFile()
                && p.getFileName().toString().endsWith(".png") && root.relativize(p).getNameCount() == 3)) {
            return new Gallery(runDir, files.sorted().map(p -> {
                Path rel = root.relativize(p);
                String name = rel.getFileName().toString();
                String category = rel.getName(0).toString();
                String defect = rel.getName(1).toString();
                return new GalleryImage(category + "/" + defect + "/" + name.substring(0, name.length() - 4), category,
                        defect, p, null, null, null, Double.NaN, Double.NaN, Double.NaN);
            }).toList());
        } catch (IOException | UncheckedIOException e) {
            // an unreadable folder shows as an empty gallery; the overlays are a convenience of older runs
            return new Gallery(runDir, List.of());
        }
    }
}

package org.dhad.engine.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The map files of a maps folder by image key {@code category/defect/stem}, from
 * {@code <category>/<defect>/<stem>.<ext>} or {@code <category>/test/<defect>/<stem>.<ext>}. Matching
 * takes files out, so that what is left are maps no test image asked for.
 */
final class MapIndex {

    private final Path root;
    private final Map<String, Path> maps = new LinkedHashMap<>();
    private final List<String> problems = new ArrayList<>();
    private final List<Path> unrecognised = new ArrayList<>();

    private MapIndex(Path root) {
        this.root = root;
    }

    /**
     * Lists the maps under {@code root}. Two maps for one image are a problem; files that are not maps
     * or lie at another depth are kept as unrecognised.
     */
    static MapIndex scan(Path root) throws IOException {
        MapIndex index = new MapIndex(root);
        try (Stream<Path> files = Files.walk(root, 4)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                index.add(file);
            }
        }
        return index;
    }

    private void add(Path file) {
        Path relative = root.relativize(file);
        if (relative.getFileName().toString().startsWith(".")) {
            return; // hidden files (.DS_Store and the like) are not maps
        }
        int parts = relative.getNameCount();
        boolean nested = parts == 4 && relative.getName(1).toString().equals("test");
        if ((parts != 3 && !nested) || !MapFileReader.EXTENSIONS.contains(MapFileReader.extension(file))) {
            unrecognised.add(file);
            return;
        }
        String key = key(relative.getName(0).toString(), relative.getName(parts - 2).toString(),
                MapFileReader.stem(file));
        Path other = maps.putIfAbsent(key, file);
        if (other != null) {
            problems.add(file + ": a second map for test image " + key + " (the first is " + other
                    + "); expected one map per image");
        }
    }

    private static String key(String category, String defect, String stem) {
        return category + "/" + defect + "/" + stem;
    }

    /** Takes the map of one test image out of the index. */
    Optional<Path> take(String category, String defect, String stem) {
        return Optional.ofNullable(maps.remove(key(category, defect, stem)));
    }

    /** Two maps for one image, by file. */
    List<String> problems() {
        return List.copyOf(problems);
    }

    /**
     * Files no test image matched, except maps of {@code ignored} categories (ones the dataset has but
     * that were not chosen), each with the reason.
     */
    List<String> leftOver(Set<String> ignored) {
        List<String> left = new ArrayList<>();
        maps.forEach((key, file) -> {
            if (!ignored.contains(key.substring(0, key.indexOf('/')))) {
                left.add(file + ": no test image " + key + " in the dataset (map ignored)");
            }
        });
        for (Path file : unrecognised) {
            if (!ignored.contains(root.relativize(file).getName(0).toString())) {
                left.add(file + ": not a map; expected <category>/<defect>/<stem>.{tif,tiff,png,npy} or "
                        + "<category>/test/<defect>/<stem>.{tif,tiff,png,npy} (ignored)");
            }
        }
        return left;
    }
}

package org.dhad.data.mvtec.internal;

import java.awt.Dimension;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.dhad.api.data.DataException;
import org.dhad.api.data.DataProblem;
import org.dhad.api.data.DatasetContent;
import org.dhad.api.data.Sample;
import org.dhad.api.data.Split;
import org.dhad.imageio.ImageFile;

/**
 * Collects the samples and problems of one dataset while it is indexed: lists folders (an unreadable
 * folder becomes a problem), optionally checks every file's header, size and end marker, and drops
 * what cannot be used so that the returned content only holds usable samples.
 */
final class ContentBuilder {

    /** Image extensions the MVTec and VisA layouts use. */
    static final Set<String> IMAGE_EXTENSIONS = Set.of("png", "jpg", "jpeg", "bmp", "tif", "tiff");

    private final boolean checkFiles;
    private final Map<String, Path> categories = new LinkedHashMap<>();
    private final List<FileSample> samples = new ArrayList<>();
    private final List<DataProblem> problems = new ArrayList<>();

    /** @param checkFiles whether to read every image and mask header when a sample is added */
    ContentBuilder(boolean checkFiles) {
        this.checkFiles = checkFiles;
    }

    void problem(Path location, String message) {
        problems.add(new DataProblem(location.toString(), message));
    }

    /** Registers a category; it is kept only when it ends up with at least one training image. */
    void category(String name, Path trainFolder) {
        categories.putIfAbsent(name, trainFolder);
    }

    /** Adds a sample, or records why it cannot be used (only when files are checked). */
    void add(FileSample sample) {
        if (checkFiles) {
            Dimension size;
            try {
                size = ImageFile.checkedSize(sample.image());
            } catch (IOException e) {
                problems.add(new DataProblem(sample.source(), e.getMessage() + " (sample left out)"));
                return;
            }
            for (Path mask : sample.masks()) {
                try {
                    Dimension maskSize = ImageFile.checkedSize(mask);
                    if (!maskSize.equals(size)) {
                        problem(mask, "mask is " + maskSize.width + "x" + maskSize.height + "; expected "
                                + size.width + "x" + size.height + " like its image " + sample.source()
                                + " (sample left out)");
                        return;
                    }
                } catch (IOException e) {
                    problems.add(new DataProblem(mask.toString(), e.getMessage() + " (sample left out)"));
                    return;
                }
            }
        }
        samples.add(sample);
    }

    /** Image files directly in {@code folder} with one of the extensions, sorted by name. */
    List<Path> images(Path folder, Set<String> extensions) {
        return list(folder).stream().filter(Files::isRegularFile)
                .filter(p -> extensions.contains(extension(p))).toList();
    }

    /** Sub-folders of {@code folder}, sorted by name; hidden ones are skipped. */
    List<Path> folders(Path folder) {
        return list(folder).stream().filter(Files::isDirectory)
                .filter(p -> !p.getFileName().toString().startsWith(".")).toList();
    }

    private List<Path> list(Path folder) {
        List<Path> entries = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(folder)) {
            stream.forEach(entries::add);
        } catch (AccessDeniedException e) {
            problem(folder, "folder cannot be read (permission denied); expected a readable folder");
        } catch (IOException e) {
            problem(folder, "folder cannot be listed (" + e + "); expected a readable folder");
        }
        entries.sort(Comparator.comparing(p -> p.getFileName().toString()));
        return entries;
    }

    /** Lower-case extension without the dot; empty when there is none. */
    static String extension(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(dot + 1).toLowerCase(Locale.ROOT) : "";
    }

    /**
     * The usable content. Categories without training images are left out with a problem each.
     *
     * @throws DataException when no category is usable; the message names {@code root} and what was expected
     */
    DatasetContent build(Path root, String expected) throws DataException {
        Map<String, List<Sample>> bySplit = new LinkedHashMap<>();
        List<String> usable = new ArrayList<>();
        for (Map.Entry<String, Path> category : categories.entrySet()) {
            String name = category.getKey();
            List<FileSample> train = of(name, Split.TRAIN);
            if (train.isEmpty()) {
                problem(category.getValue(), "category '" + name + "' has no usable training image; expected "
                        + "normal images here (category left out)");
                continue;
            }
            usable.add(name);
            bySplit.put(key(name, Split.TRAIN), List.copyOf(train));
            bySplit.put(key(name, Split.TEST), List.copyOf(of(name, Split.TEST)));
        }
        if (usable.isEmpty()) {
            String found = problems.isEmpty() ? ""
                    : "; problems: " + problems.stream().map(DataProblem::toString).collect(Collectors.joining("; "));
            throw new DataException(root + " holds no usable category; expected " + expected + found);
        }
        return new IndexedContent(usable, bySplit, problems);
    }

    private List<FileSample> of(String category, Split split) {
        return samples.stream().filter(s -> s.category().equals(category) && s.split() == split)
                .sorted(Comparator.comparing(FileSample::defectType).thenComparing(FileSample::name)).toList();
    }

    static String key(String category, Split split) {
        return category + "\u0000" + split;
    }
}

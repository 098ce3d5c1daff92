package org.dhad.negatives.segmentation.internal;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.dhad.api.data.DataException;

/**
 * Finds the image + mask pairs of a segmentation dataset: the ADE20K scene-parsing release, the ADE20K
 * full release, or a pair of folders matched by file stem (CamVid, Pascal VOC, Cityscapes, custom).
 */
final class LayoutDiscovery {

    static final String AUTO = "auto";
    static final String ADE_CHALLENGE = "ade20k-challenge";
    static final String ADE_FULL = "ade20k-full";
    static final String PAIRED = "paired";
    static final Set<String> IMAGE_EXTENSIONS = Set.of("png", "jpg", "jpeg", "bmp", "tif", "tiff");
    private static final String EXPECTED = "images/training/*.jpg + annotations/training/*.png (ADE20K scene "
            + "parsing), *.jpg + *_seg.png (ADE20K full release), train/ + trainannot/ (CamVid), "
            + "JPEGImages/ + SegmentationClass/ (Pascal VOC), leftImg8bit/ + gtFine/ (Cityscapes), "
            + "or the settings images + masks";

    /** One image and its class mask. */
    record Pair(Path image, Path mask) {
    }

    /**
     * What was found.
     *
     * @param layout        the layout name, with the dataset flavour for paired folders
     * @param pairs         sorted by mask path
     * @param adeFull       whether masks encode classes as {@code R/10*256 + G}
     * @param defaultIgnore classes ignored unless the settings say otherwise
     * @param problems      files left out and why
     */
    record Found(String layout, List<Pair> pairs, boolean adeFull, Set<Integer> defaultIgnore, List<String> problems) {
    }

    private LayoutDiscovery() {
    }

    /** Pairs of {@code images} and {@code masks} given explicitly. */
    static Found paired(Path images, Path masks, String imageSuffix, String maskSuffix) throws DataException {
        List<String> problems = new ArrayList<>();
        return new Found(PAIRED, match(images, masks, imageSuffix, maskSuffix, problems), false, Set.of(255),
                problems);
    }

    /** Detects (or applies, when {@code layout} is not auto) the layout under {@code root}. */
    static Found discover(Path root, String layout) throws DataException {
        List<String> problems = new ArrayList<>();
        boolean auto = layout.equals(AUTO);
        if ((auto || layout.equals(ADE_CHALLENGE)) && Files.isDirectory(root.resolve("annotations/training"))) {
            List<Pair> pairs = new ArrayList<>();
            for (String split : List.of("training", "validation")) {
                if (Files.isDirectory(root.resolve("annotations").resolve(split))) {
                    pairs.addAll(match(root.resolve("images").resolve(split), root.resolve("annotations").resolve(split),
                            "", "", problems));
                }
            }
            return new Found(ADE_CHALLENGE, pairs, false, Set.of(0), problems);
        }
        if (auto || layout.equals(ADE_FULL)) {
            List<Pair> pairs = adeFull(root, problems);
            if (!pairs.isEmpty() || layout.equals(ADE_FULL)) {
                return new Found(ADE_FULL, pairs, true, Set.of(0), problems);
            }
        }
        if (auto || layout.equals(PAIRED)) {
            for (String[] known : new String[][] {{"train", "trainannot", "camvid", "11"},
                    {"JPEGImages", "SegmentationClass", "voc", "255"}, {"leftImg8bit", "gtFine", "cityscapes", "0"}}) {
                if (Files.isDirectory(root.resolve(known[0])) && Files.isDirectory(root.resolve(known[1]))) {
                    return known(root, known, problems);
                }
            }
        }
        throw new DataException(root + " holds no recognised segmentation layout" + (auto ? "" : " '" + layout + "'")
                + "; expected " + EXPECTED);
    }

    private static Found known(Path root, String[] known, List<String> problems) throws DataException {
        List<Pair> pairs = new ArrayList<>();
        switch (known[2]) {
            case "camvid" -> {
                for (String split : List.of("train", "val", "test")) {
                    if (Files.isDirectory(root.resolve(split)) && Files.isDirectory(root.resolve(split + "annot"))) {
                        pairs.addAll(match(root.resolve(split), root.resolve(split + "annot"), "", "", problems));
                    }
                }
                return new Found(PAIRED + " (CamVid)", pairs, false, Set.of(11), problems);
            }
            case "voc" -> {
                pairs.addAll(match(root.resolve(known[0]), root.resolve(known[1]), "", "", problems));
                return new Found(PAIRED + " (Pascal VOC)", pairs, false, Set.of(255), problems);
            }
            default -> {
                // Cityscapes label ids: 0 unlabeled, 1 ego vehicle, 2 rectification border, 3 out of roi.
                pairs.addAll(match(root.resolve(known[0]), root.resolve(known[1]), "_leftImg8bit", "_gtFine_labelIds",
                        problems));
                return new Found(PAIRED + " (Cityscapes)", pairs, false, Set.of(0, 1, 2, 3), problems);
            }
        }
    }

    private static List<Pair> adeFull(Path root, List<String> problems) throws DataException {
        List<Pair> pairs = new ArrayList<>();
        for (Path mask : walk(root, problems)) {
            String name = mask.getFileName().toString();
            if (!name.endsWith("_seg.png")) {
                continue;
            }
            Path image = mask.resolveSibling(name.substring(0, name.length() - "_seg.png".length()) + ".jpg");
            if (Files.isRegularFile(image)) {
                pairs.add(new Pair(image, mask));
            } else {
                problems.add(mask + ": no image next to it; expected " + image + " (left out)");
            }
        }
        return pairs;
    }

    /** Images and masks under two folders (recursively) matched by stem minus the suffixes. */
    private static List<Pair> match(Path images, Path masks, String imageSuffix, String maskSuffix,
            List<String> problems) throws DataException {
        Map<String, Path> imageByKey = new TreeMap<>();
        for (Path image : walk(images, problems)) {
            key(image, imageSuffix).ifPresent(k -> imageByKey.putIfAbsent(k, image));
        }
        List<Pair> pairs = new ArrayList<>();
        for (Path mask : walk(masks, problems)) {
            String k = key(mask, maskSuffix).orElse(null);
            if (k == null) {
                continue;
            }
            Path image = imageByKey.get(k);
            if (image == null) {
                problems.add(mask + ": no image with the stem '" + k + imageSuffix + "' in " + images + " (left out)");
            } else {
                pairs.add(new Pair(image, mask));
            }
        }
        return pairs;
    }

    private static java.util.Optional<String> key(Path file, String suffix) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        if (dot <= 0 || !IMAGE_EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT))) {
            return java.util.Optional.empty();
        }
        String stem = name.substring(0, dot);
        if (!stem.endsWith(suffix)) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(stem.substring(0, stem.length() - suffix.length()));
    }

    /** Regular files under {@code folder}, sorted; unreadable sub-folders become problems. */
    static List<Path> walk(Path folder, List<String> problems) throws DataException {
        if (!Files.isDirectory(folder)) {
            throw new DataException(folder + " is not a folder; expected a folder of images or masks");
        }
        List<Path> files = new ArrayList<>();
        try {
            Files.walkFileTree(folder, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    return dir.getFileName().toString().startsWith(".") && !dir.equals(folder)
                            ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (attrs.isRegularFile()) {
                        files.add(file);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    problems.add(file + ": cannot be read (" + e + "); expected a readable folder or file");
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new DataException(folder + " cannot be listed (" + e + "); expected a readable folder", e);
        }
        files.sort(Comparator.naturalOrder());
        return files;
    }
}

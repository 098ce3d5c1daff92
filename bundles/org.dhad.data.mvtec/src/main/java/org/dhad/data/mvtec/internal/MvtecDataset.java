package org.dhad.data.mvtec.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.dhad.api.InvalidSettingException;
import org.dhad.api.Provider;
import org.dhad.api.SettingDescriptor;
import org.dhad.api.Settings;
import org.dhad.api.data.AnomalyDataset;
import org.dhad.api.data.DataException;
import org.dhad.api.data.DatasetContent;
import org.dhad.api.data.Sample;
import org.dhad.api.data.Split;
import org.osgi.service.component.annotations.Component;

/**
 * MVTec AD: {@code <root>/<category>/train/good/*.png}, {@code test/<defect>/NNN.png} and
 * {@code ground_truth/<defect>/NNN_mask.png}. Per category it also recognises the MVTec 3D-AD RGB layout
 * ({@code train/good/rgb}, {@code test/<defect>/rgb} + {@code test/<defect>/gt}) and MVTec LOCO
 * ({@code ground_truth/<defect>/<stem>/000.png}, several masks per image, united).
 */
@Component(service = AnomalyDataset.class, property = Provider.ID_PROPERTY + "=" + MvtecDataset.ID)
public final class MvtecDataset implements AnomalyDataset {

    static final String ID = "mvtec";
    static final String ROOT = AnomalyDataset.ROOT_SETTING;
    static final String CATEGORIES = "categories";
    static final String CHECK_FILES = "check-files";
    private static final String EXPECTED = "MVTec AD category folders <root>/<category>/train/good/*.png "
            + "(MVTec AD, MVTec LOCO) or <root>/<category>/train/good/rgb/*.png (MVTec 3D-AD)";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String displayName() {
        return "MVTec AD (also 3D-AD RGB, LOCO)";
    }

    @Override
    public String description() {
        return "The MVTec AD folder layout with pixel masks; MVTec 3D-AD (RGB part) and MVTec LOCO categories "
                + "are recognised automatically.";
    }

    @Override
    public List<SettingDescriptor> settings() {
        return List.of(
                SettingDescriptor.path(ROOT, "Root folder", null,
                        "Folder holding one folder per category (or one category folder itself)."),
                SettingDescriptor.text(CATEGORIES, "Categories", "",
                        "Comma-separated category names; empty means every category found."),
                SettingDescriptor.bool(CHECK_FILES, "Check files", true,
                        "Read every image and mask header when opening, to report damaged files and size mismatches."));
    }

    @Override
    public DatasetContent open(Settings settings) throws DataException {
        Path root = RootFolder.require(settings, ROOT, EXPECTED);
        Set<String> wanted = RootFolder.list(settings, CATEGORIES);
        ContentBuilder builder = new ContentBuilder(checkFiles(settings));
        List<Path> categories = isCategory(root) ? List.of(root)
                : builder.folders(root).stream().filter(MvtecDataset::isCategory).toList();
        if (categories.isEmpty()) {
            throw new DataException(root + " holds no recognised dataset structure; expected " + EXPECTED
                    + (builder.folders(root).isEmpty() ? " (it has no sub-folders)"
                            : " (found folders " + builder.folders(root).stream().map(p -> p.getFileName().toString())
                                    .toList() + " without train/good)"));
        }
        List<String> found = categories.stream().map(p -> p.getFileName().toString()).toList();
        List<String> missing = wanted.stream().filter(c -> !found.contains(c)).toList();
        if (!missing.isEmpty()) {
            throw new DataException(root + " has no category " + missing + "; expected one of " + found
                    + " (setting '" + CATEGORIES + "')");
        }
        for (Path category : categories) {
            if (wanted.isEmpty() || wanted.contains(category.getFileName().toString())) {
                index(category, builder);
            }
        }
        return builder.build(root, EXPECTED);
    }

    static boolean checkFiles(Settings settings) throws DataException {
        try {
            return settings.getBoolean(CHECK_FILES);
        } catch (InvalidSettingException e) {
            throw new DataException(e.getMessage(), e);
        }
    }

    private static boolean isCategory(Path folder) {
        return Files.isDirectory(folder.resolve("train").resolve(Sample.GOOD));
    }

    private static void index(Path folder, ContentBuilder builder) {
        String category = folder.getFileName().toString();
        Path trainGood = folder.resolve("train").resolve(Sample.GOOD);
        boolean rgbLayout = Files.isDirectory(trainGood.resolve("rgb"));
        Path train = rgbLayout ? trainGood.resolve("rgb") : trainGood;
        builder.category(category, train);
        for (Path image : builder.images(train, ContentBuilder.IMAGE_EXTENSIONS)) {
            builder.add(new FileSample(category, Split.TRAIN, Sample.GOOD, image, List.of()));
        }
        Path test = folder.resolve("test");
        if (!Files.isDirectory(test)) {
            builder.problem(test, "missing; expected test/<defect>/ folders with test images "
                    + "(category '" + category + "' has training images only)");
            return;
        }
        for (Path defectFolder : builder.folders(test)) {
            String defect = defectFolder.getFileName().toString();
            Path images = rgbLayout ? defectFolder.resolve("rgb") : defectFolder;
            for (Path image : builder.images(images, ContentBuilder.IMAGE_EXTENSIONS)) {
                if (defect.equals(Sample.GOOD)) {
                    builder.add(new FileSample(category, Split.TEST, defect, image, List.of()));
                    continue;
                }
                List<Path> masks = masks(folder, defectFolder, image, rgbLayout, builder);
                if (masks.isEmpty()) {
                    builder.problem(image, "defective test image has no ground-truth mask; expected "
                            + expectedMask(folder, defectFolder, image, rgbLayout) + " (sample left out)");
                } else {
                    builder.add(new FileSample(category, Split.TEST, defect, image, masks));
                }
            }
        }
    }

    private static List<Path> masks(Path category, Path defectFolder, Path image, boolean rgbLayout,
            ContentBuilder builder) {
        String stem = FileSample.stem(image);
        if (rgbLayout) {
            return sibling(defectFolder.resolve("gt"), stem).map(List::of).orElse(List.of());
        }
        Path groundTruth = category.resolve("ground_truth").resolve(defectFolder.getFileName().toString());
        Path locoFolder = groundTruth.resolve(stem);
        if (Files.isDirectory(locoFolder)) {
            return builder.images(locoFolder, ContentBuilder.IMAGE_EXTENSIONS);
        }
        return sibling(groundTruth, stem + "_mask").map(List::of).orElse(List.of());
    }

    /** The file {@code <folder>/<stem>.<ext>} for the first image extension that exists. */
    static Optional<Path> sibling(Path folder, String stem) {
        List<String> order = new ArrayList<>(List.of("png", "PNG"));
        ContentBuilder.IMAGE_EXTENSIONS.stream().sorted().forEach(order::add);
        return order.stream().map(ext -> folder.resolve(stem + "." + ext)).filter(Files::isRegularFile).findFirst();
    }

    private static String expectedMask(Path category, Path defectFolder, Path image, boolean rgbLayout) {
        String stem = FileSample.stem(image);
        if (rgbLayout) {
            return defectFolder.resolve("gt").resolve(stem + ".png").toString();
        }
        Path groundTruth = category.resolve("ground_truth").resolve(defectFolder.getFileName().toString());
        return groundTruth.resolve(stem + "_mask.png") + " (or " + groundTruth.resolve(stem) + "/*.png for LOCO)";
    }
}

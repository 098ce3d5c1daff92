package org.dhad.data.mvtec.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
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
 * A user's own images: a folder of normal images (split into train and test with a seeded shuffle unless
 * a separate normal test folder is given), a folder of abnormal images (files directly in it have defect
 * type {@value #ABNORMAL}; files in sub-folders take the sub-folder's name) and optionally a folder of
 * masks matched by file stem plus a suffix. One category.
 */
@Component(service = AnomalyDataset.class, property = Provider.ID_PROPERTY + "=" + FolderDataset.ID)
public final class FolderDataset implements AnomalyDataset {

    static final String ID = "folder";
    static final String ABNORMAL = "abnormal";
    private static final String NORMAL = "normal";
    private static final String NORMAL_TEST = "normal-test";
    private static final String MASKS = "masks";
    private static final String MASK_SUFFIX = "mask-suffix";
    private static final String EXTENSIONS = "extensions";
    private static final String TEST_FRACTION = "test-fraction";
    private static final String SEED = "seed";
    private static final String CATEGORY = "category";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String displayName() {
        return "Image folders";
    }

    @Override
    public String description() {
        return "Your own data: a folder of normal images, a folder of abnormal images and optional masks "
                + "matched by file name.";
    }

    @Override
    public List<SettingDescriptor> settings() {
        return List.of(
                SettingDescriptor.path(NORMAL, "Normal images", null, "Folder of anomaly-free images."),
                SettingDescriptor.path(ABNORMAL, "Abnormal images", "",
                        "Folder of abnormal test images; sub-folders become defect types. Empty: none."),
                SettingDescriptor.path(MASKS, "Masks", "",
                        "Folder of masks named <image stem><mask-suffix>.<ext> (also in defect sub-folders). "
                                + "Empty: abnormal images have image-level labels only."),
                SettingDescriptor.text(MASK_SUFFIX, "Mask suffix", "_mask", "Added to the image stem to name its mask."),
                SettingDescriptor.path(NORMAL_TEST, "Normal test images", "",
                        "Folder of normal test images; when empty, a fraction of the normal images is held out."),
                SettingDescriptor.text(EXTENSIONS, "Extensions", "png,jpg,jpeg,bmp,tif,tiff",
                        "Comma-separated image file extensions."),
                SettingDescriptor.decimal(TEST_FRACTION, "Test fraction", 0.2, 0.0, 0.9,
                        "Fraction of the normal images held out for testing when no normal test folder is given."),
                SettingDescriptor.integer(SEED, "Seed", 0, 0, Integer.MAX_VALUE, "Seed of the train/test shuffle."),
                SettingDescriptor.text(CATEGORY, "Category", "",
                        "Category name; empty: the name of the folder holding the normal folder."),
                SettingDescriptor.bool(MvtecDataset.CHECK_FILES, "Check files", true,
                        "Read every image and mask header when opening, to report damaged files and size mismatches."));
    }

    @Override
    public DatasetContent open(Settings settings) throws DataException {
        try {
            return index(settings);
        } catch (InvalidSettingException e) {
            throw new DataException(e.getMessage(), e);
        }
    }

    private DatasetContent index(Settings settings) throws DataException {
        Path normal = RootFolder.require(settings, NORMAL, "a folder of normal images");
        Optional<Path> abnormal = optionalFolder(settings, ABNORMAL, "a folder of abnormal images");
        Optional<Path> masks = optionalFolder(settings, MASKS, "a folder of masks");
        Optional<Path> normalTest = optionalFolder(settings, NORMAL_TEST, "a folder of normal test images");
        Set<String> extensions = RootFolder.extensions(settings, EXTENSIONS);
        String suffix = settings.getString(MASK_SUFFIX).trim();
        String category = settings.getString(CATEGORY).isBlank() ? defaultCategory(normal)
                : settings.getString(CATEGORY).trim();
        ContentBuilder builder = new ContentBuilder(MvtecDataset.checkFiles(settings));
        builder.category(category, normal);

        List<Path> normals = new ArrayList<>(builder.images(normal, extensions));
        List<Path> heldOut = new ArrayList<>();
        if (normalTest.isPresent()) {
            heldOut.addAll(builder.images(normalTest.get(), extensions));
        } else {
            // Sorted listing + seeded shuffle: the same files and seed always give the same split.
            Collections.shuffle(normals, new Random(settings.getInt(SEED)));
            int test = (int) Math.round(normals.size() * settings.getDouble(TEST_FRACTION));
            heldOut.addAll(normals.subList(0, test));
            normals = new ArrayList<>(normals.subList(test, normals.size()));
        }
        normals.forEach(p -> builder.add(new FileSample(category, Split.TRAIN, Sample.GOOD, p, List.of())));
        heldOut.forEach(p -> builder.add(new FileSample(category, Split.TEST, Sample.GOOD, p, List.of())));
        if (abnormal.isPresent()) {
            addAbnormal(builder, category, abnormal.get(), ABNORMAL, masks, masks, suffix, extensions);
            for (Path defect : builder.folders(abnormal.get())) {
                String name = defect.getFileName().toString();
                addAbnormal(builder, category, defect, name, masks, masks.map(m -> m.resolve(name)), suffix,
                        extensions);
            }
        }
        return builder.build(normal, "normal images (" + String.join(", ", extensions) + ") in " + normal);
    }

    private static void addAbnormal(ContentBuilder builder, String category, Path folder, String defect,
            Optional<Path> maskRoot, Optional<Path> maskFolder, String suffix, Set<String> extensions) {
        for (Path image : builder.images(folder, extensions)) {
            if (maskRoot.isEmpty()) {
                builder.add(new FileSample(category, Split.TEST, defect, image, List.of()));
                continue;
            }
            String stem = FileSample.stem(image) + suffix;
            Optional<Path> mask = MvtecDataset.sibling(maskFolder.get(), stem)
                    .or(() -> MvtecDataset.sibling(maskRoot.get(), stem));
            if (mask.isEmpty()) {
                builder.problem(image, "abnormal image has no mask; expected " + maskFolder.get().resolve(stem)
                        + ".png (or another image extension) (sample left out)");
            } else {
                builder.add(new FileSample(category, Split.TEST, defect, image, List.of(mask.get())));
            }
        }
    }

    private static Optional<Path> optionalFolder(Settings settings, String key, String expected)
            throws DataException {
        Optional<Path> folder = settings.getPath(key);
        return folder.isPresent() ? Optional.of(RootFolder.check(folder.get(), expected)) : Optional.empty();
    }

    /** {@code data/normal} gives "data"; a normal folder at the file-system root gives its own name. */
    private static String defaultCategory(Path normal) {
        Path parent = normal.getParent();
        Path named = parent != null && parent.getFileName() != null ? parent : normal;
        return named.getFileName() == null ? "images" : named.getFileName().toString();
    }
}

package org.dhad.data.synthetic.internal;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.dhad.api.InvalidSettingException;
import org.dhad.api.Provider;
import org.dhad.api.SettingDescriptor;
import org.dhad.api.Settings;
import org.dhad.api.data.AnomalyDataset;
import org.dhad.api.data.DataException;
import org.dhad.api.data.DatasetContent;
import org.osgi.service.component.annotations.Component;

/**
 * The built-in dataset: industrial-looking textures (fabric, grid, wood, leather) and objects (pill,
 * screw) generated from a seed, with scratches, holes, stains, cracks, contamination and missing pieces
 * whose masks are exact. Needs no files, so a demo runs offline with no arguments.
 */
@Component(service = AnomalyDataset.class, property = Provider.ID_PROPERTY + "=" + SyntheticDataset.ID)
public final class SyntheticDataset implements AnomalyDataset {

    static final String ID = "synthetic";
    static final String CATEGORIES = "categories";
    static final String IMAGE_SIZE = "image-size";
    static final String TRAIN_COUNT = "train-count";
    static final String TEST_GOOD_COUNT = "test-good-count";
    static final String TEST_DEFECT_COUNT = "test-defect-count";
    static final String SEED = "seed";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String displayName() {
        return "Synthetic textures and objects";
    }

    @Override
    public String description() {
        return "Procedural fabric, grid, wood, leather, pill and screw images with generated defects and exact masks; "
                + "needs no files, for demos and quick checks.";
    }

    @Override
    public List<SettingDescriptor> settings() {
        return List.of(
                SettingDescriptor.text(CATEGORIES, "Categories", String.join(",", Category.labels()),
                        "Comma-separated categories out of " + String.join(", ", Category.labels())
                                + "; empty means all."),
                SettingDescriptor.integer(IMAGE_SIZE, "Image size", 128, 32, 1024, "Side of the square images in pixels."),
                SettingDescriptor.integer(TRAIN_COUNT, "Training images", 40, 0, 100_000,
                        "Defect-free training images per category."),
                SettingDescriptor.integer(TEST_GOOD_COUNT, "Good test images", 10, 0, 100_000,
                        "Defect-free test images per category."),
                SettingDescriptor.integer(TEST_DEFECT_COUNT, "Defective test images", 20, 0, 100_000,
                        "Defective test images per category, spread evenly over its defect types."),
                SettingDescriptor.integer(SEED, "Seed", 42, 0, Integer.MAX_VALUE,
                        "Seed of the generator; the same settings always give the same pixels."));
    }

    @Override
    public DatasetContent open(Settings settings) throws DataException {
        List<String> problems = settings.validate();
        if (!problems.isEmpty()) {
            throw new DataException(String.join("; ", problems));
        }
        try {
            return new SyntheticContent(categories(settings.getString(CATEGORIES)), settings.getInt(IMAGE_SIZE),
                    settings.getLong(SEED), settings.getInt(TRAIN_COUNT), settings.getInt(TEST_GOOD_COUNT),
                    settings.getInt(TEST_DEFECT_COUNT));
        } catch (InvalidSettingException e) {
            throw new DataException(e.getMessage(), e);
        }
    }

    /** The categories named in {@code value}, in the given order without repeats; all when blank. */
    private static List<Category> categories(String value) throws DataException {
        Set<Category> chosen = new LinkedHashSet<>();
        List<String> unknown = new ArrayList<>();
        for (String part : value.split(",")) {
            String label = part.trim();
            if (label.isEmpty()) {
                continue;
            }
            Category category = Category.byLabel(label);
            if (category == null) {
                unknown.add(label);
            } else {
                chosen.add(category);
            }
        }
        if (!unknown.isEmpty()) {
            throw new DataException(ID + ": setting '" + CATEGORIES + "' names unknown categor"
                    + (unknown.size() == 1 ? "y '" + unknown.get(0) + "'" : "ies " + unknown)
                    + "; expected a comma-separated list of " + String.join(", ", Category.labels()));
        }
        return chosen.isEmpty() ? List.of(Category.values()) : List.copyOf(chosen);
    }
}

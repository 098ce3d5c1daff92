package com.example.dhad.magnetictile.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.dhad.api.InvalidSettingException;
import org.dhad.api.Provider;
import org.dhad.api.SettingDescriptor;
import org.dhad.api.Settings;
import org.dhad.api.data.AnomalyDataset;
import org.dhad.api.data.DataException;
import org.dhad.api.data.DatasetContent;
import org.osgi.service.component.annotations.Component;

/**
 * The {@value #ID} dataset: one category of magnetic tiles. Defect-free tiles ({@code MT_Free}) are
 * split into training and test images by {@link GoodSplit}; every defect folder goes to the test split
 * with its masks.
 */
@Component(service = AnomalyDataset.class, property = Provider.ID_PROPERTY + "=" + MagneticTileDataset.ID)
public final class MagneticTileDataset implements AnomalyDataset {

    /** The provider id. */
    public static final String ID = "magnetic-tile";
    static final String ROOT = AnomalyDataset.ROOT_SETTING;
    static final String TEST_FRACTION = "test-fraction";

    private static final List<SettingDescriptor> SETTINGS = List.of(
            SettingDescriptor.path(ROOT, "Dataset root", null,
                    "Folder holding MT_Free and the MT_<Defect> folders, each with an Imgs subfolder."),
            SettingDescriptor.decimal(TEST_FRACTION, "Test share of good tiles", 0.2, 0.05, 0.95,
                    "Share of the MT_Free tiles held out for testing, spread evenly over the sorted file names."));

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String displayName() {
        return "Magnetic-Tile defects";
    }

    @Override
    public String description() {
        return "Magnetic-Tile surface defects: MT_<Defect>/Imgs/*.jpg with same-name .png masks; "
                + "MT_Free tiles are split deterministically into training and test images.";
    }

    @Override
    public List<SettingDescriptor> settings() {
        return SETTINGS;
    }

    @Override
    public DatasetContent open(Settings settings) throws DataException {
        List<String> problems = settings.validate();
        if (!problems.isEmpty()) {
            throw new DataException(String.join("; ", problems));
        }
        Path root;
        double testFraction;
        try {
            root = settings.getPath(ROOT).orElseThrow(() -> new DataException(
                    ID + ": setting '" + ROOT + "' is empty; expected the folder holding the MT_* folders"));
            testFraction = settings.getDouble(TEST_FRACTION);
        } catch (InvalidSettingException e) {
            throw new DataException(e.getMessage(), e);
        }
        if (!Files.isDirectory(root)) {
            throw new DataException(root + " is not a folder; expected the Magnetic-Tile root with MT_* folders");
        }
        return TileIndex.scan(root, testFraction);
    }
}

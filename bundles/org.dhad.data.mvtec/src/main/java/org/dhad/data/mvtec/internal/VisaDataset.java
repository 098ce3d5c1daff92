package org.dhad.data.mvtec.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
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
 * VisA through its split file {@code split_csv/1cls.csv}: columns {@code object,split,label,image,mask},
 * paths relative to the root. Anomalous images get the defect type {@value #ANOMALY} (VisA has no finer
 * labels in the split file).
 */
@Component(service = AnomalyDataset.class, property = Provider.ID_PROPERTY + "=" + VisaDataset.ID)
public final class VisaDataset implements AnomalyDataset {

    static final String ID = "visa";
    static final String ANOMALY = "anomaly";
    private static final String SPLIT_FILE = "split-file";
    private static final List<String> COLUMNS = List.of("object", "split", "label", "image", "mask");

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String displayName() {
        return "VisA";
    }

    @Override
    public String description() {
        return "The VisA dataset through its one-class split file (split_csv/1cls.csv).";
    }

    @Override
    public List<SettingDescriptor> settings() {
        return List.of(
                SettingDescriptor.path(MvtecDataset.ROOT, "Root folder", null,
                        "VisA root folder (holding split_csv/ and one folder per object)."),
                SettingDescriptor.text(MvtecDataset.CATEGORIES, "Categories", "",
                        "Comma-separated object names; empty means every object in the split file."),
                SettingDescriptor.text(SPLIT_FILE, "Split file", "split_csv/1cls.csv",
                        "Split file relative to the root, with columns object,split,label,image,mask."),
                SettingDescriptor.bool(MvtecDataset.CHECK_FILES, "Check files", true,
                        "Read every image and mask header when opening, to report damaged files and size mismatches."));
    }

    @Override
    public DatasetContent open(Settings settings) throws DataException {
        Path root = RootFolder.require(settings, MvtecDataset.ROOT, "the VisA root folder");
        Set<String> wanted = RootFolder.list(settings, MvtecDataset.CATEGORIES);
        Path csv;
        try {
            csv = root.resolve(settings.getString(SPLIT_FILE).trim());
        } catch (InvalidSettingException e) {
            throw new DataException(e.getMessage(), e);
        }
        String expected = "VisA's split file " + csv + " with columns " + String.join(",", COLUMNS);
        if (!Files.isRegularFile(csv)) {
            throw new DataException(root + " holds no recognised dataset structure: " + csv
                    + " does not exist; expected " + expected);
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new DataException(csv + " cannot be read (" + e + "); expected " + expected, e);
        }
        if (lines.isEmpty()) {
            throw new DataException(csv + " is empty; expected a header line " + String.join(",", COLUMNS));
        }
        List<String> header = Arrays.stream(lines.get(0).split(",", -1)).map(s -> s.trim().toLowerCase(Locale.ROOT))
                .toList();
        int[] column = COLUMNS.stream().mapToInt(header::indexOf).toArray();
        if (Arrays.stream(column).anyMatch(i -> i < 0)) {
            throw new DataException(csv + " has the header '" + lines.get(0) + "'; expected the columns "
                    + String.join(",", COLUMNS));
        }
        ContentBuilder builder = new ContentBuilder(MvtecDataset.checkFiles(settings));
        for (int n = 1; n < lines.size(); n++) {
            if (!lines.get(n).isBlank()) {
                row(builder, root, csv, n + 1, lines.get(n).split(",", -1), column, wanted);
            }
        }
        return builder.build(root, expected + " listing train rows per object");
    }

    private static void row(ContentBuilder builder, Path root, Path csv, int line, String[] cells, int[] column,
            Set<String> wanted) {
        if (cells.length < COLUMNS.size()) {
            builder.problem(csv, "line " + line + " has " + cells.length + " cells; expected "
                    + String.join(",", COLUMNS) + " (row left out)");
            return;
        }
        String object = cells[column[0]].trim();
        String splitName = cells[column[1]].trim().toLowerCase(Locale.ROOT);
        String label = cells[column[2]].trim().toLowerCase(Locale.ROOT);
        Path image = root.resolve(cells[column[3]].trim());
        String mask = cells[column[4]].trim();
        if (!wanted.isEmpty() && !wanted.contains(object)) {
            return;
        }
        Split split = splitName.equals("train") ? Split.TRAIN : splitName.equals("test") ? Split.TEST : null;
        if (split == null || !(label.equals("normal") || label.equals(ANOMALY))) {
            builder.problem(csv, "line " + line + " has split '" + splitName + "' and label '" + label
                    + "'; expected split train or test and label normal or anomaly (row left out)");
            return;
        }
        builder.category(object, root.resolve(object));
        if (!Files.isRegularFile(image)) {
            builder.problem(image, "listed on line " + line + " of " + csv + " but missing; expected an image file "
                    + "(sample left out)");
            return;
        }
        if (label.equals("normal")) {
            builder.add(new FileSample(object, split, Sample.GOOD, image, List.of()));
            return;
        }
        Path maskFile = mask.isEmpty() ? null : root.resolve(mask);
        if (maskFile == null || !Files.isRegularFile(maskFile)) {
            builder.problem(image, "anomalous image has no mask; expected "
                    + (maskFile == null ? "a mask path on line " + line + " of " + csv : maskFile.toString())
                    + " (sample left out)");
            return;
        }
        builder.add(new FileSample(object, split, ANOMALY, image, List.of(maskFile)));
    }
}

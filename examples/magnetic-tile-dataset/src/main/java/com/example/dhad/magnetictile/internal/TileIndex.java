package com.example.dhad.magnetictile.internal;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.dhad.api.data.DataException;
import org.dhad.api.data.DataProblem;
import org.dhad.api.data.DatasetContent;
import org.dhad.api.data.Sample;
import org.dhad.api.data.Split;

/**
 * Indexes a Magnetic-Tile root by file names only (no image is decoded): {@code MT_Free/Imgs/*.jpg}
 * are the good tiles, {@code MT_<Defect>/Imgs/*.jpg} the defective ones, each with its same-name
 * {@code .png} mask beside it.
 */
final class TileIndex implements DatasetContent {

    /** The dataset's only category. */
    static final String CATEGORY = "magnetic-tile";
    static final String GOOD_FOLDER = "MT_Free";
    private static final String PREFIX = "MT_";
    private static final String IMAGES = "Imgs";

    private final List<Sample> train;
    private final List<Sample> test;
    private final List<DataProblem> problems;

    private TileIndex(List<Sample> train, List<Sample> test, List<DataProblem> problems) {
        this.train = List.copyOf(train);
        this.test = List.copyOf(test);
        this.problems = List.copyOf(problems);
    }

    /**
     * @throws DataException when {@code root} holds no {@code MT_Free} tiles to train on
     */
    static TileIndex scan(Path root, double testFraction) throws DataException {
        List<Path> folders = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(root,
                p -> Files.isDirectory(p) && p.getFileName().toString().startsWith(PREFIX))) {
            entries.forEach(folders::add);
        } catch (IOException e) {
            throw new DataException(root + " cannot be listed (" + e.getMessage() + "); expected a readable folder", e);
        }
        folders.sort(null);
        List<DataProblem> problems = new ArrayList<>();
        List<Sample> train = new ArrayList<>();
        List<Sample> test = new ArrayList<>();
        List<Path> good = null;
        for (Path folder : folders) {
            List<Path> images = jpegs(folder.resolve(IMAGES), problems);
            if (folder.getFileName().toString().equals(GOOD_FOLDER)) {
                good = images;
                continue;
            }
            String defect = folder.getFileName().toString().substring(PREFIX.length()).toLowerCase(Locale.ROOT);
            for (Path image : images) {
                Path mask = image.resolveSibling(TileSample.stem(image) + ".png");
                if (Files.isRegularFile(mask)) {
                    test.add(new TileSample(CATEGORY, Split.TEST, defect, image, mask));
                } else {
                    problems.add(new DataProblem(image.toString(),
                            "has no mask; expected " + mask.getFileName() + " beside it (image skipped)"));
                }
            }
        }
        if (good == null || good.isEmpty()) {
            throw new DataException(root + " has no defect-free tiles; expected " + GOOD_FOLDER + "/" + IMAGES
                    + "/*.jpg (found folders: " + folders.stream().map(p -> p.getFileName().toString()).toList() + ")");
        }
        if (test.isEmpty()) {
            problems.add(new DataProblem(root.toString(), "has no MT_<Defect> folder with masked images; "
                    + "the test split holds good tiles only, so pixel metrics are undefined"));
        }
        GoodSplit split = GoodSplit.of(good.size(), testFraction);
        List<Sample> goodTest = new ArrayList<>();
        for (int i = 0; i < good.size(); i++) {
            boolean held = split.isTest(i);
            Sample sample = new TileSample(CATEGORY, held ? Split.TEST : Split.TRAIN, Sample.GOOD, good.get(i), null);
            (held ? goodTest : train).add(sample);
        }
        goodTest.addAll(test);
        return new TileIndex(train, goodTest, problems);
    }

    /** The {@code .jpg}/{@code .jpeg} files of {@code folder} sorted by name; a problem when it is missing. */
    private static List<Path> jpegs(Path folder, List<DataProblem> problems) {
        List<Path> images = new ArrayList<>();
        if (!Files.isDirectory(folder)) {
            problems.add(new DataProblem(folder.toString(), "is missing; expected the folder of .jpg tiles"));
            return images;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder, TileIndex::isJpeg)) {
            entries.forEach(images::add);
        } catch (IOException e) {
            problems.add(new DataProblem(folder.toString(), "cannot be listed: " + e.getMessage()));
        }
        images.sort(null);
        return images;
    }

    private static boolean isJpeg(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return Files.isRegularFile(file) && (name.endsWith(".jpg") || name.endsWith(".jpeg"));
    }

    @Override
    public List<String> categories() {
        return List.of(CATEGORY);
    }

    @Override
    public List<Sample> samples(String category, Split split) {
        if (!CATEGORY.equals(category)) {
            return List.of();
        }
        return split == Split.TRAIN ? train : test;
    }

    @Override
    public List<DataProblem> problems() {
        return problems;
    }
}

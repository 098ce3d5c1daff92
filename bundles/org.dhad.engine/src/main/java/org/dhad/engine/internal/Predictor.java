package org.dhad.engine.internal;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.dhad.api.data.Mask;
import org.dhad.api.data.MaskRegions;
import org.dhad.api.metric.ScoreMap;
import org.dhad.engine.EngineException;
import org.dhad.engine.Prediction;
import org.dhad.engine.PredictionReport;
import org.dhad.engine.RunListener;
import org.dhad.imageio.ImageFile;
import org.dhad.results.DecisionThresholds;
import org.dhad.results.Gallery;
import org.dhad.results.GalleryImage;
import org.dhad.results.ResultsException;
import org.dhad.results.RunThresholds;
import org.dhad.results.ThresholdChoice;

/**
 * {@code dhad predict}: scores images with a trained run in batches, as evaluation does, and decides each with
 * the thresholds evaluation stored: verdict from the image score, defect mask from the pixel scores.
 */
final class Predictor {

    private final TrainedModel model;
    private final Path runDir;
    private final RunListener events;

    Predictor(TrainedModel model, Path runDir, RunListener events) {
        this.model = model;
        this.runDir = runDir;
        this.events = events;
    }

    PredictionReport run(List<Path> arguments, Path outDir, String wanted, ThresholdChoice choice)
            throws EngineException, IOException {
        long began = System.nanoTime();
        String category = category(wanted);
        DecisionThresholds decision = decision(category, choice);
        float[] range = range(category);
        PredictionInputs inputs = PredictionInputs.collect(arguments);
        List<String> skipped = new ArrayList<>(inputs.problems());
        skipped.forEach(s -> events.onMessage("Skipped " + s));
        List<PredictionInputs.Input> images = inputs.images();
        int size = model.experiment().spec().schedule().inputSize();
        int batch = Math.max(1, model.experiment().spec().schedule().batchSize());
        List<Prediction> predictions = new ArrayList<>();
        MaskRegions regions = new MaskRegions();
        for (int from = 0; from < images.size(); from += batch) {
            if (events.isCanceled()) {
                throw new EngineException("Prediction with " + runDir + " canceled after " + from + " images");
            }
            List<PredictionInputs.Input> read = new ArrayList<>();
            List<BufferedImage> pictures = new ArrayList<>();
            float[] chw = new float[batch * 3 * size * size];
            for (PredictionInputs.Input input : images.subList(from, Math.min(images.size(), from + batch))) {
                try {
                    BufferedImage picture = Images.resize(ImageFile.readRgb(input.file()), size, size);
                    Images.toChw(picture, chw, read.size() * 3 * size * size);
                    read.add(input);
                    pictures.add(picture);
                } catch (IOException | RuntimeException e) {
                    String line = input.file() + ": " + e.getMessage();
                    skipped.add(line);
                    events.onMessage("Skipped " + line);
                }
            }
            if (!read.isEmpty()) {
                int plane = size * size;
                float[] scores = model.scorer().score(Arrays.copyOf(chw, read.size() * 3 * plane), read.size(), size);
                for (int i = 0; i < read.size(); i++) {
                    predictions.add(decide(read.get(i), pictures.get(i),
                            Arrays.copyOfRange(scores, i * plane, (i + 1) * plane), decision, range, outDir, regions));
                }
            }
            int done = Math.min(images.size(), from + batch);
            double perImage = (System.nanoTime() - began) / 1e9 / done;
            events.onImagesScored(done, images.size(), Duration.ofMillis(Math.round(1000 * perImage
                    * (images.size() - done))));
        }
        PredictionReport report = new PredictionReport(outDir, decision, predictions, skipped,
                (System.nanoTime() - began) / 1e9);
        PredictionFiles.write(report, runDir, size);
        return report;
    }

    /** The chosen category, or the run's only one. */
    private String category(String wanted) throws EngineException {
        List<String> categories = model.experiment().categories();
        if (wanted != null) {
            if (!categories.contains(wanted)) {
                throw new EngineException("Category '" + wanted + "' is not one of the run's categories: "
                        + String.join(", ", categories));
            }
            return wanted;
        }
        if (categories.size() != 1) {
            throw new EngineException(runDir + " has " + categories.size() + " categories (" + String.join(", ",
                    categories) + "): choose the one whose thresholds decide with --category");
        }
        return categories.get(0);
    }

    /** The thresholds that decide, or null (with a message) for a run evaluated before thresholds were stored. */
    private DecisionThresholds decision(String category, ThresholdChoice choice) throws EngineException {
        try {
            Path file = runDir.resolve(RunThresholds.FILE);
            RunThresholds stored = Files.isRegularFile(file) ? RunThresholds.read(file) : null;
            if (stored == null && choice.kind() != ThresholdChoice.Kind.VALUE) {
                events.onMessage(runDir + " has no " + RunThresholds.FILE + " (not evaluated, or evaluated before "
                        + "thresholds were stored): writing heat maps and image scores only; run dhad evaluate "
                        + runDir + " for verdicts, masks and overlays");
                return null;
            }
            return choice.resolve(stored, category, runDir.toString());
        } catch (ResultsException e) {
            throw new EngineException(e.getMessage(), e);
        }
    }

    /** The heat maps' colour range: the category's range in evaluation, so colours compare with its gallery. */
    private float[] range(String category) {
        try {
            List<GalleryImage> scored = Files.isRegularFile(runDir.resolve(Gallery.FILE))
                    ? Gallery.read(runDir).filter(category, null) : List.of();
            return scored.isEmpty() ? null : new float[] {(float) scored.get(0).low(), (float) scored.get(0).high()};
        } catch (ResultsException e) {
            events.onMessage(e.getMessage() + "; heat maps use each image's own score range");
            return null;
        }
    }

    private static Prediction decide(PredictionInputs.Input input, BufferedImage picture, float[] scores,
            DecisionThresholds decision, float[] range, Path outDir, MaskRegions regions) throws IOException {
        int size = picture.getWidth();
        String file = input.name() + ".png";
        HeatmapWriter.write(outDir.resolve("heatmaps").resolve(file), picture, scores,
                range != null ? range : HeatmapWriter.range(List.of(scores)), null);
        double score = ScoreMap.imageScore(scores);
        if (decision == null) {
            return new Prediction(input.file().toString(), input.name(), score, Double.NaN, null, 0, 0, null);
        }
        byte[] pixels = new byte[scores.length];
        boolean[] flags = new boolean[scores.length];
        long area = 0;
        for (int i = 0; i < scores.length; i++) {
            if (decision.anomalous(scores[i])) {
                pixels[i] = 1;
                flags[i] = true;
                area++;
            }
        }
        Mask mask = new Mask(size, picture.getHeight(), pixels);
        GalleryImage.writeTruth(outDir.resolve("masks").resolve(file), flags, size, picture.getHeight());
        HeatmapWriter.writeOverlay(outDir.resolve("overlays").resolve(file), picture, mask);
        Prediction.Box[] largest = {null};
        int[] largestSize = {0};
        regions.forEach(mask, (region, count) -> {
            if (count > largestSize[0]) {
                largestSize[0] = count;
                largest[0] = box(region, count, size);
            }
        });
        return new Prediction(input.file().toString(), input.name(), score, decision.normalised(score),
                decision.defective(score) ? Prediction.DEFECTIVE : Prediction.GOOD, area,
                100.0 * area / scores.length, largest[0]);
    }

    private static Prediction.Box box(int[] region, int count, int width) {
        int x0 = Integer.MAX_VALUE;
        int y0 = Integer.MAX_VALUE;
        int x1 = -1;
        int y1 = -1;
        for (int i = 0; i < count; i++) {
            int x = region[i] % width;
            int y = region[i] / width;
            x0 = Math.min(x0, x);
            y0 = Math.min(y0, y);
            x1 = Math.max(x1, x);
            y1 = Math.max(y1, y);
        }
        return new Prediction.Box(x0, y0, x1 - x0 + 1, y1 - y0 + 1);
    }
}

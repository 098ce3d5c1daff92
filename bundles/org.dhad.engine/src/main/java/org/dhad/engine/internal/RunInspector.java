package org.dhad.engine.internal;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.dhad.api.data.Mask;
import org.dhad.api.data.MaskRegions;
import org.dhad.api.metric.ScoreMap;
import org.dhad.engine.EngineException;
import org.dhad.engine.Inspection;
import org.dhad.engine.Inspector;
import org.dhad.engine.Prediction;
import org.dhad.engine.RunListener;
import org.dhad.results.DecisionThresholds;
import org.dhad.results.Gallery;
import org.dhad.results.GalleryImage;
import org.dhad.results.ResultsException;
import org.dhad.results.RunThresholds;
import org.dhad.results.ThresholdChoice;

/**
 * The {@link Inspector} of a run: its network with the last checkpoint, and per category the thresholds chosen by
 * {@link ThresholdChoice} and the heat maps' colour range of its evaluation, read once.
 */
final class RunInspector implements Inspector {

    private final TrainedModel model;
    private final Path runDir;
    private final ThresholdChoice choice;
    private final RunListener events;
    private final RunThresholds stored;
    private final Map<String, Optional<DecisionThresholds>> decisions = new ConcurrentHashMap<>();
    private final Map<String, float[]> ranges = new ConcurrentHashMap<>();

    RunInspector(TrainedModel model, Path runDir, ThresholdChoice choice, RunListener events) throws EngineException {
        this.model = model;
        this.runDir = runDir;
        this.choice = choice;
        this.events = events;
        try {
            Path file = runDir.resolve(RunThresholds.FILE);
            this.stored = Files.isRegularFile(file) ? RunThresholds.read(file) : null;
        } catch (ResultsException e) {
            throw new EngineException(e.getMessage(), e);
        }
    }

    TrainedModel model() {
        return model;
    }

    @Override
    public Path runDir() {
        return runDir;
    }

    @Override
    public List<String> categories() {
        return model.experiment().categories();
    }

    @Override
    public int inputSize() {
        return model.experiment().spec().schedule().inputSize();
    }

    @Override
    public DecisionThresholds thresholds(String category) throws EngineException {
        if (!categories().contains(category)) {
            throw new EngineException("Category '" + category + "' is not one of the run's categories: "
                    + String.join(", ", categories()));
        }
        Optional<DecisionThresholds> known = decisions.get(category);
        if (known == null) {
            if (stored == null && choice.kind() != ThresholdChoice.Kind.VALUE) {
                known = Optional.empty();
            } else {
                try {
                    known = Optional.of(choice.resolve(stored, category, runDir.toString()));
                } catch (ResultsException e) {
                    throw new EngineException(e.getMessage(), e);
                }
            }
            decisions.put(category, known);
        }
        return known.orElse(null);
    }

    @Override
    public BufferedImage fit(BufferedImage rgb) {
        return Images.resize(rgb, inputSize(), inputSize());
    }

    @Override
    public List<float[]> score(List<BufferedImage> fitted) {
        int size = inputSize();
        int plane = size * size;
        float[] chw = new float[fitted.size() * 3 * plane];
        for (int i = 0; i < fitted.size(); i++) {
            Images.toChw(fitted.get(i), chw, i * 3 * plane);
        }
        float[] scores = model.scorer().score(chw, fitted.size(), size);
        List<float[]> maps = new ArrayList<>(fitted.size());
        for (int i = 0; i < fitted.size(); i++) {
            maps.add(Arrays.copyOfRange(scores, i * plane, (i + 1) * plane));
        }
        return maps;
    }

    @Override
    public Inspection decide(String file, String name, BufferedImage picture, float[] scores, String category)
            throws EngineException {
        DecisionThresholds decision = thresholds(category);
        float[] range = ranges.computeIfAbsent(category, this::range);
        BufferedImage heatmap = HeatmapWriter.heatmap(picture, scores,
                range.length == 2 ? range : HeatmapWriter.range(List.of(scores)), null);
        double score = ScoreMap.imageScore(scores);
        if (decision == null) {
            return new Inspection(new Prediction(file, name, score, Double.NaN, null, 0, 0, null), heatmap, null,
                    null);
        }
        int width = picture.getWidth();
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
        Mask mask = new Mask(width, picture.getHeight(), pixels);
        Prediction.Box[] largest = {null};
        int[] largestSize = {0};
        new MaskRegions().forEach(mask, (region, count) -> {
            if (count > largestSize[0]) {
                largestSize[0] = count;
                largest[0] = box(region, count, width);
            }
        });
        Prediction prediction = new Prediction(file, name, score, decision.normalised(score),
                decision.defective(score) ? Prediction.DEFECTIVE : Prediction.GOOD, area,
                100.0 * area / scores.length, largest[0]);
        return new Inspection(prediction, heatmap, GalleryImage.maskImage(flags, width, picture.getHeight()),
                HeatmapWriter.overlay(picture, mask));
    }

    /**
     * The heat maps' colour range: the category's range in evaluation, so colours compare with its gallery; empty
     * (each image's own range) when the run has no gallery.
     */
    private float[] range(String category) {
        try {
            List<GalleryImage> scored = Files.isRegularFile(runDir.resolve(Gallery.FILE))
                    ? Gallery.read(runDir).filter(category, null) : List.of();
            return scored.isEmpty() ? new float[0]
                    : new float[] {(float) scored.get(0).low(), (float) scored.get(0).high()};
        } catch (ResultsException e) {
            events.onMessage(e.getMessage() + "; heat maps use each image's own score range");
            return new float[0];
        }
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

    @Override
    public void close() {
        model.close();
    }
}

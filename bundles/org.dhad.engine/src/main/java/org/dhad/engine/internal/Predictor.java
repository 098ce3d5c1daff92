package org.dhad.engine.internal;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.dhad.engine.EngineException;
import org.dhad.engine.Inspection;
import org.dhad.engine.Inspector;
import org.dhad.engine.Prediction;
import org.dhad.engine.PredictionReport;
import org.dhad.engine.RunListener;
import org.dhad.imageio.ImageFile;
import org.dhad.results.DecisionThresholds;
import org.dhad.results.RunThresholds;

/**
 * {@code dhad predict}: scores images with a trained run in batches, as evaluation does, decides each with the
 * thresholds evaluation stored ({@link Inspector}) and writes heat maps, masks, overlays and the tables.
 */
final class Predictor {

    private final Inspector inspector;
    private final int batch;
    private final RunListener events;

    Predictor(Inspector inspector, int batch, RunListener events) {
        this.inspector = inspector;
        this.batch = Math.max(1, batch);
        this.events = events;
    }

    PredictionReport run(List<Path> arguments, Path outDir, String wanted) throws EngineException, IOException {
        long began = System.nanoTime();
        Path runDir = inspector.runDir();
        String category = category(wanted);
        DecisionThresholds decision = inspector.thresholds(category);
        if (decision == null) {
            events.onMessage(runDir + " has no " + RunThresholds.FILE + " (not evaluated, or evaluated before "
                    + "thresholds were stored): writing heat maps and image scores only; run dhad evaluate "
                    + runDir + " for verdicts, masks and overlays");
        }
        PredictionInputs inputs = PredictionInputs.collect(arguments);
        List<String> skipped = new ArrayList<>(inputs.problems());
        skipped.forEach(s -> events.onMessage("Skipped " + s));
        List<PredictionInputs.Input> images = inputs.images();
        List<Prediction> predictions = new ArrayList<>();
        for (int from = 0; from < images.size(); from += batch) {
            if (events.isCanceled()) {
                throw new EngineException("Prediction with " + runDir + " canceled after " + from + " images");
            }
            List<PredictionInputs.Input> read = new ArrayList<>();
            List<BufferedImage> pictures = new ArrayList<>();
            for (PredictionInputs.Input input : images.subList(from, Math.min(images.size(), from + batch))) {
                try {
                    pictures.add(inspector.fit(ImageFile.readRgb(input.file())));
                    read.add(input);
                } catch (IOException | RuntimeException e) {
                    String line = input.file() + ": " + e.getMessage();
                    skipped.add(line);
                    events.onMessage("Skipped " + line);
                }
            }
            if (!read.isEmpty()) {
                List<float[]> scores = inspector.score(pictures);
                for (int i = 0; i < read.size(); i++) {
                    PredictionInputs.Input input = read.get(i);
                    Inspection decided = inspector.decide(input.file().toString(), input.name(), pictures.get(i),
                            scores.get(i), category);
                    write(outDir, input.name() + ".png", decided);
                    predictions.add(decided.prediction());
                }
            }
            int done = Math.min(images.size(), from + batch);
            double perImage = (System.nanoTime() - began) / 1e9 / done;
            events.onImagesScored(done, images.size(), Duration.ofMillis(Math.round(1000 * perImage
                    * (images.size() - done))));
        }
        PredictionReport report = new PredictionReport(outDir, decision, predictions, skipped,
                (System.nanoTime() - began) / 1e9);
        PredictionFiles.write(report, runDir, inspector.inputSize());
        return report;
    }

    private static void write(Path outDir, String file, Inspection decided) throws IOException {
        HeatmapWriter.writePng(outDir.resolve("heatmaps").resolve(file), decided.heatmap());
        if (decided.mask() != null) {
            HeatmapWriter.writePng(outDir.resolve("masks").resolve(file), decided.mask());
            HeatmapWriter.writePng(outDir.resolve("overlays").resolve(file), decided.overlay());
        }
    }

    /** The chosen category, or the run's only one. */
    private String category(String wanted) throws EngineException {
        List<String> categories = inspector.categories();
        if (wanted != null) {
            if (!categories.contains(wanted)) {
                throw new EngineException("Category '" + wanted + "' is not one of the run's categories: "
                        + String.join(", ", categories));
            }
            return wanted;
        }
        if (categories.size() != 1) {
            throw new EngineException(inspector.runDir() + " has " + categories.size() + " categories ("
                    + String.join(", ", categories) + "): choose the one whose thresholds decide with --category");
        }
        return categories.get(0);
    }
}

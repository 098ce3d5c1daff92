package org.dhad.engine.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import javax.imageio.ImageIO;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import org.dhad.api.data.Sample;
import org.dhad.api.data.Split;
import org.dhad.api.metric.OperatingPoint;
import org.dhad.engine.EvaluationReport;
import org.dhad.engine.Prediction;
import org.dhad.engine.PredictionReport;
import org.dhad.engine.RunListener;
import org.dhad.engine.RunResult;
import org.dhad.results.Gallery;
import org.dhad.results.GalleryImage;
import org.dhad.results.RunFolder;
import org.dhad.results.RunMetrics;
import org.dhad.results.RunState;
import org.dhad.results.RunThresholds;
import org.dhad.results.ThresholdChoice;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Evaluation writes metrics per category and their mean, heat maps and thresholds; prediction decides with them. */
class EvaluationServiceTest {

    private static EngineServices services;

    @TempDir
    static Path runs;

    @BeforeAll
    static void start() throws Exception {
        services = new EngineServices();
    }

    @AfterAll
    static void stop() {
        services.close();
    }

    @Test
    void evaluateAndPredict() throws Exception {
        List<Path> folders = new java.util.ArrayList<>();
        RunResult run = services.training.train(EngineServices.tiny("eval", 1, EngineServices.paperLoss()), runs,
                new RunListener() {
                    @Override
                    public void onRunFolder(Path runDir) {
                        folders.add(runDir);
                    }
                });
        assertEquals(List.of(run.runDir()), folders, "the run folder is announced once");
        List<String> scored = new java.util.ArrayList<>();
        EvaluationReport report = services.evaluation.evaluate(run.runDir(), new RunListener() {
            @Override
            public void onCategoryScored(String category, int images) {
                scored.add(category + ":" + images);
            }
        });
        assertEquals(List.of("a:4", "b:4"), scored, "each category announced with its image count");
        assertEquals(List.of("a", "b"), List.copyOf(report.perCategory().keySet()), "categories");
        assertEquals(8, report.images(), "4 test images per category");
        assertEquals("Pixel AUROC", report.metrics().get(0).displayName(),
                "display name from the metric provider");
        double a = report.perCategory().get("a").get("pixel-auroc");
        double b = report.perCategory().get("b").get("pixel-auroc");
        assertTrue(a >= 0 && a <= 1 && b >= 0 && b <= 1, "AUROC in [0,1]: " + a + ", " + b);
        assertEquals((a + b) / 2, report.mean().get("pixel-auroc"), 1e-12, "mean over categories");
        assertTrue(report.table().contains("mean"), report.table());

        JsonObject json = JsonParser.parseString(Files.readString(run.runDir().resolve(MetricsJson.FILE)))
                .getAsJsonObject();
        assertEquals(a, json.getAsJsonObject("categories").getAsJsonObject("a").getAsJsonObject("pixel-auroc")
                .get("value").getAsDouble(), 1e-12, "metrics.json value");
        assertTrue(json.getAsJsonObject("categories").getAsJsonObject("a").getAsJsonObject("pixel-auroc")
                .getAsJsonObject("curve").getAsJsonArray("x").size() > 1, "ROC curve stored");
        Path heatmap = run.runDir().resolve("heatmaps/a/square/e2.png");
        BufferedImage image = ImageIO.read(heatmap.toFile());
        assertEquals(32, image.getWidth(), "heat map at input size: " + heatmap);
        assertTrue(hasWhite(image), "ground-truth contour drawn in white");

        assertRunFolderReadsBack(run.runDir(), report);

        assertPredictionsFollowTheStoredThresholds(run.runDir());
    }

    /**
     * Prediction on the test images of category a, written as files, with one broken file among them: the broken
     * one is listed and skipped, the rest decided at the F1 threshold exactly as evaluation counted them.
     */
    private static void assertPredictionsFollowTheStoredThresholds(Path runDir) throws Exception {
        RunThresholds stored = RunFolder.open(runDir).thresholds().orElseThrow();
        OperatingPoint f1 = stored.category("a").orElseThrow().image().bestF1();
        Path images = runs.resolve("images");
        List<Sample> test = TestShapes.samples("a", Split.TEST, 8);
        for (Sample sample : test) {
            Path file = images.resolve(sample.defectType()).resolve(sample.name() + ".png");
            Files.createDirectories(file.getParent());
            ImageIO.write(sample.readImage(), "png", file.toFile());
        }
        Files.writeString(images.resolve("good/broken.png"), "not a picture");
        List<String> messages = new java.util.ArrayList<>();
        PredictionReport report = services.evaluation.predict(runDir, List.of(images), runs.resolve("pred"), "a",
                ThresholdChoice.F1, new RunListener() {
                    @Override
                    public void onMessage(String message) {
                        messages.add(message);
                    }
                });
        assertEquals(test.size(), report.predictions().size(), "one prediction per readable image");
        assertEquals(1, report.skipped().size(), "the broken file skipped: " + report.skipped());
        assertTrue(report.skipped().get(0).contains("broken.png") && messages.stream()
                .anyMatch(m -> m.contains("broken.png")), "the broken file named: " + messages);
        assertEquals(f1.flagged(), report.defective(), "defective verdicts at the F1 threshold as in evaluation");
        Gallery gallery = RunFolder.open(runDir).gallery().orElseThrow();
        for (Prediction p : report.predictions()) {
            double evaluated = gallery.images().stream().filter(i -> i.id().equals("a/" + p.name())).findFirst()
                    .orElseThrow().maxScore();
            assertEquals(evaluated, p.imageScore(), 1e-4, "image score of " + p.name() + " as in evaluation");
            assertEquals(p.imageScore() >= f1.threshold() ? Prediction.DEFECTIVE : Prediction.GOOD, p.verdict(),
                    "verdict of " + p.name());
        }
        List<String> rows = Files.readAllLines(runs.resolve("pred").resolve(PredictionReport.CSV));
        assertEquals(test.size() + 1, rows.size(), "a header and one row per image: " + rows);
        assertTrue(rows.get(0).startsWith("file,image_score,normalised_score,verdict"), rows.get(0));
        Prediction first = report.predictions().get(0);
        assertEquals(first.verdict().equals(Prediction.DEFECTIVE), first.normalised() >= 0.5,
                "normalised score at or above 0.5 exactly for defective images: " + first);
        BufferedImage mask = ImageIO.read(runs.resolve("pred/masks").resolve(first.name() + ".png").toFile());
        assertEquals(32, mask.getWidth(), "mask at the input size");
        assertTrue(Files.isRegularFile(runs.resolve("pred/overlays").resolve(first.name() + ".png")), "overlay");
        assertTrue(Files.isRegularFile(runs.resolve("pred/heatmaps").resolve(first.name() + ".png")), "heat map");

        Files.delete(runDir.resolve(RunThresholds.FILE));
        PredictionReport old = services.evaluation.predict(runDir, List.of(images.resolve("square")),
                runs.resolve("old"), "a", ThresholdChoice.F1, RunListener.NONE);
        assertTrue(old.thresholds() == null && old.predictions().stream().allMatch(p -> p.verdict() == null),
                "a run without thresholds gets scores only");
        assertTrue(Files.isRegularFile(runs.resolve("old/heatmaps/e2.png")), "heat maps still written");
    }

    /** The results bundle reads what evaluation wrote: the same values, and a gallery that redraws the maps. */
    private static void assertRunFolderReadsBack(Path runDir, EvaluationReport report) throws Exception {
        RunFolder folder = RunFolder.open(runDir);
        assertEquals(RunState.EVALUATED, folder.state(), "state of " + runDir);
        assertEquals("eval", folder.configuration().name());
        assertTrue(folder.history().size() > 0, "training log read back");
        RunMetrics metrics = folder.metrics().orElseThrow();
        assertEquals(report.mean().get("pixel-auroc"), metrics.mean().get("pixel-auroc"), 1e-12, "mean read back");
        assertTrue(metrics.curve("a", "pixel-auroc").isPresent(), "ROC curve read back");
        Gallery gallery = folder.gallery().orElseThrow();
        assertEquals(8, gallery.images().size(), "one gallery entry per test image");
        assertEquals(List.of("a", "b"), gallery.categories());
        GalleryImage defect = gallery.images().stream().filter(i -> i.id().equals("a/square/e2")).findFirst()
                .orElseThrow();
        boolean[] truth = defect.readTruth();
        assertTrue(truth != null && truth.length == 32 * 32, "truth mask kept for a defect image");
        GalleryImage.ScoreGrid grid = defect.readScores();
        assertEquals(32, grid.width());
        float lo = Float.MAX_VALUE;
        float hi = -Float.MAX_VALUE;
        for (float v : grid.values()) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        assertTrue(lo >= defect.low() - 1e-4 && hi <= defect.high() + 1e-4 && hi > lo,
                "scores within the category range and not constant: " + lo + ".." + hi);
        assertTrue(defect.maxScore() >= hi - (defect.high() - defect.low()) / 65535.0 - 1e-4,
                "max score " + defect.maxScore() + " at least the clipped maximum " + hi);
        List<GalleryImage> good = gallery.filter("a", Gallery.GOOD);
        assertTrue(!good.isEmpty() && good.stream().allMatch(i -> i.truth() == null),
                "no truth file for defect-free images");
        assertTrue(Files.isRegularFile(defect.input()), "input kept: " + defect.input());
    }

    private static boolean hasWhite(BufferedImage image) {
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if ((image.getRGB(x, y) & 0xffffff) == 0xffffff) {
                    return true;
                }
            }
        }
        return false;
    }
}

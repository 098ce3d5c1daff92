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

import org.dhad.engine.EvaluationReport;
import org.dhad.engine.RunListener;
import org.dhad.engine.RunResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Evaluation writes metrics per category and their mean, heat maps, and prediction images. */
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
        RunResult run = services.training.train(EngineServices.tiny("eval", 1, EngineServices.paperLoss()), runs,
                RunListener.NONE);
        EvaluationReport report = services.evaluation.evaluate(run.runDir(), RunListener.NONE);
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

        Path input = runs.resolve("input.png");
        ImageIO.write(TestShapes.grey(9, 48), "png", input.toFile());
        List<Path> written = services.evaluation.predict(run.runDir(), List.of(input), runs.resolve("pred"));
        assertEquals(List.of(runs.resolve("pred/input.png")), written, "one heat map per image");
        assertEquals(32, ImageIO.read(written.get(0).toFile()).getWidth(), "resized to the input size");
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

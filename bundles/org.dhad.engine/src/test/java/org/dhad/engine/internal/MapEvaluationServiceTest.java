package org.dhad.engine.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.function.Function;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import org.dhad.api.Settings;
import org.dhad.api.data.AnomalyDataset;
import org.dhad.api.data.Mask;
import org.dhad.api.data.Sample;
import org.dhad.api.data.Split;
import org.dhad.api.metric.Metric;
import org.dhad.engine.EngineException;
import org.dhad.engine.EvaluationReport;
import org.dhad.engine.MapEvaluationService;
import org.dhad.engine.RunListener;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Maps written here for the real MVTec AD grid sample ({@code ${dhad.shared}/data/mvtec_ad}) are matched,
 * read in each format and measured: a perfect map scores 1, a constant one 0.5, and missing, broken or
 * wrongly sized maps are listed by file.
 */
class MapEvaluationServiceTest {

    private static final int SIZE = 256;
    private static final List<String> FORMATS = List.of("tiff", "png", "npy");
    private static final Path ROOT = Path.of(System.getProperty("dhad.shared", "/nonexistent"), "data", "mvtec_ad")
            .toAbsolutePath().normalize();

    private static ServiceLookup services;
    private static MapEvaluationService evaluation;
    private static List<Sample> samples;
    private static List<Mask> masks;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(Files.isDirectory(ROOT.resolve("grid/test")),
                "MVTec AD grid sample not found at " + ROOT + " (system property dhad.shared); test skipped");
        services = new ServiceLookup();
        evaluation = services.await(MapEvaluationService.class, null);
        for (String id : MapEvaluationService.DEFAULT_METRICS) {
            services.await(Metric.class, id);
        }
        AnomalyDataset mvtec = services.await(AnomalyDataset.class, "mvtec");
        samples = mvtec.open(new Settings("mvtec", mvtec.settings(), Map.of("root", ROOT.toString())))
                .samples("grid", Split.TEST);
        masks = new ArrayList<>();
        for (Sample sample : samples) {
            masks.add(Images.resize(sample.readMask().orElse(Mask.empty(SIZE, SIZE)), SIZE, SIZE));
        }
        assertEquals(14, samples.size(), "test images of the grid sample");
    }

    @AfterAll
    static void stop() {
        if (services != null) {
            services.close();
        }
    }

    @Test
    void perfectMapsScoreOneInEveryFormat() throws Exception {
        for (String format : FORMATS) {
            Path maps = dir.resolve("perfect-" + format);
            // The npy maps use the <category>/test/<defect>/ layout.
            writeMaps(maps, format, format.equals("npy"), MapEvaluationServiceTest::perfect);
            Path out = dir.resolve("out-" + format);
            EvaluationReport report = evaluate(maps, OptionalInt.of(SIZE), out, new ArrayList<>());
            Map<String, Double> grid = report.perCategory().get("grid");
            assertEquals(1.0, grid.get("pixel-auroc"), 1e-12, format + ": pixel AUROC of the mask itself");
            assertEquals(1.0, grid.get("pixel-ap"), 1e-12, format + ": pixel AP of the mask itself");
            assertEquals(1.0, grid.get("image-auroc"), 1e-12, format + ": image AUROC (max of the map)");
            assertEquals(0.0, grid.get("pixel-fpr95"), 1e-12, format + ": FPR at 95% TPR");
            assertEquals(1.0, grid.get("pixel-aupro"), 1e-6, format + ": AUPRO");
            assertEquals(14, report.images(), format + ": one map per test image");
            assertEquals(out, report.runDir(), "report folder is the output folder");
            assertTrue(report.table().contains("grid") && report.table().contains("mean"), report.table());

            JsonObject json = JsonParser.parseString(Files.readString(out.resolve(MetricsJson.FILE)))
                    .getAsJsonObject();
            assertEquals(List.of("run", "checkpoint", "score", "metrics", "categories", "mean", "images"),
                    List.copyOf(json.keySet()), "the fields dhad evaluate writes");
            assertEquals(1.0, json.getAsJsonObject("categories").getAsJsonObject("grid")
                    .getAsJsonObject("pixel-auroc").get("value").getAsDouble(), 1e-12, "metrics.json value");
            assertEquals(1.0, json.getAsJsonObject("mean").get("pixel-ap").getAsDouble(), 1e-12, "metrics.json mean");
            assertEquals(MapEvaluationComponent.SCORE, json.get("score").getAsString(), "score recorded");
        }
    }

    @Test
    void constantMapsScoreChance() throws Exception {
        for (String format : FORMATS) {
            Path maps = dir.resolve("constant-" + format);
            writeMaps(maps, format, false, mask -> constant(0.3f));
            EvaluationReport report = evaluate(maps, OptionalInt.of(SIZE), dir.resolve("out-" + format),
                    new ArrayList<>());
            assertEquals(0.5, report.perCategory().get("grid").get("pixel-auroc"), 1e-9,
                    format + ": all pixels tied");
            assertEquals(0.5, report.perCategory().get("grid").get("image-auroc"), 1e-9,
                    format + ": all images tied");
            assertEquals(0.5, report.mean().get("pixel-auroc"), 1e-9, format + ": mean over one category");
        }
    }

    @Test
    void missingBrokenAndExtraMapsAreListedByFile() throws Exception {
        Path maps = dir.resolve("damaged");
        writeMaps(maps, "npy", false, MapEvaluationServiceTest::perfect);
        Path grid = maps.resolve("grid");
        Files.delete(grid.resolve("bent/001.npy"));
        float[] nan = perfect(masks.get(0));
        nan[SIZE + 7] = Float.NaN;
        Files.write(grid.resolve("broken/000.npy"), npy(nan));
        Files.writeString(grid.resolve("glue/000.npy"), "not a map");
        Files.write(grid.resolve("bent/999.npy"), npy(constant(0f)));
        Path out = dir.resolve("out");
        List<String> messages = new ArrayList<>();

        EngineException e = assertThrows(EngineException.class,
                () -> evaluate(maps, OptionalInt.of(SIZE), out, messages));
        String message = e.getMessage();
        assertTrue(message.startsWith("3 problem(s)"), message);
        assertTrue(message.contains(grid.resolve("bent/001") + ".{tif,tiff,png,npy}: missing"), message);
        assertTrue(message.contains(ROOT.resolve("grid/test/bent/001.png").toString()), "names the image: " + message);
        assertTrue(message.contains(grid.resolve("broken/000.npy") + ": 1 NaN or infinite value(s), the first at x=7, "
                + "y=1"), message);
        assertTrue(message.contains(grid.resolve("glue/000.npy") + " is not a NumPy .npy file"), message);
        assertTrue(messages.stream().anyMatch(m -> m.startsWith("Warning: " + grid.resolve("bent/999.npy"))),
                "extra map is a warning: " + messages);
        assertFalse(Files.exists(out.resolve(MetricsJson.FILE)), "nothing written");
    }

    @Test
    void sizeMismatchWithoutResolutionNamesBothFiles() throws Exception {
        Path maps = dir.resolve("small");
        writeMaps(maps, "tiff", false, MapEvaluationServiceTest::perfect);
        EngineException e = assertThrows(EngineException.class,
                () -> evaluate(maps, OptionalInt.empty(), dir.resolve("out"), new ArrayList<>()));
        assertTrue(e.getMessage().contains(maps.resolve("grid/bent/000.tiff") + " is 256x256 but the ground truth of "
                + "test image " + ROOT.resolve("grid/test/bent/000.png") + " is 1024x1024"), e.getMessage());
        assertTrue(e.getMessage().contains(maps.resolve("grid/good/002.tiff") + " is 256x256"),
                "normal images too: " + e.getMessage());
    }

    @Test
    void unknownDatasetAndMetricAreNamed() {
        EngineException e = assertThrows(EngineException.class, () -> evaluation.evaluate("no-such-layout",
                Map.of(), dir, OptionalInt.empty(), List.of("no-such-metric"), List.of(), dir, RunListener.NONE));
        assertTrue(e.getMessage().contains("no-such-layout") && e.getMessage().contains("no-such-metric"),
                e.getMessage());
    }

    private static EvaluationReport evaluate(Path maps, OptionalInt resolution, Path out, List<String> messages)
            throws EngineException {
        RunListener listener = new RunListener() {
            @Override
            public void onMessage(String message) {
                messages.add(message);
            }
        };
        return evaluation.evaluate("mvtec", Map.of("root", ROOT.toString()), maps, resolution, List.of(),
                List.of("grid"), out, listener);
    }

    private static float[] perfect(Mask mask) {
        float[] values = new float[mask.pixels().length];
        for (int i = 0; i < values.length; i++) {
            values[i] = mask.pixels()[i];
        }
        return values;
    }

    private static float[] constant(float value) {
        float[] values = new float[SIZE * SIZE];
        java.util.Arrays.fill(values, value);
        return values;
    }

    private static byte[] npy(float[] values) {
        return MapFileReaderTest.npy("<f4", false, "(" + SIZE + ", " + SIZE + ")", values, 4,
                java.nio.ByteOrder.LITTLE_ENDIAN);
    }

    /** One map per grid test image, at {@value #SIZE} px. */
    private static void writeMaps(Path maps, String format, boolean nested, Function<Mask, float[]> scores)
            throws IOException {
        for (int i = 0; i < samples.size(); i++) {
            Sample sample = samples.get(i);
            Path folder = maps.resolve(sample.category());
            folder = (nested ? folder.resolve("test") : folder).resolve(sample.defectType());
            Path file = Files.createDirectories(folder).resolve(sample.name() + "." + format);
            float[] values = scores.apply(masks.get(i));
            switch (format) {
                case "npy" -> Files.write(file, npy(values));
                case "tiff" -> MapImages.writeFloatTiff(file, SIZE, SIZE, values);
                case "png" -> MapImages.write16BitPng(file, SIZE, SIZE, values);
                default -> throw new IllegalArgumentException(format);
            }
        }
    }
}

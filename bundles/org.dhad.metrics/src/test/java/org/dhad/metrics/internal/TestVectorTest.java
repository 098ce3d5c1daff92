package org.dhad.metrics.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.dhad.api.metric.EvaluationData;
import org.dhad.api.metric.MetricResult;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * Reproduces every case of {@code testvectors/metrics/expected.json} (values from scikit-learn and
 * scipy, not from this code) through the registered services, within the file's tolerances.
 */
class TestVectorTest {

    /** JSON key of an expected value, and the metric id that computes it. */
    private static final Map<String, String> METRICS = Map.of("auroc", "pixel-auroc", "ap", "pixel-ap",
            "fpr95", "pixel-fpr95", "f1max", "pixel-f1max", "aupro30", "pixel-aupro",
            "image_auroc_max", "image-auroc");
    private static final double TOLERANCE = 1e-6;
    private static final double AUPRO_TOLERANCE = 1e-4;

    @TestFactory
    List<DynamicTest> everyCaseOfExpectedJson() throws IOException {
        String shared = System.getProperty("dhad.shared");
        Path folder = shared == null ? null : Path.of(shared, "testvectors", "metrics");
        Assumptions.assumeTrue(folder != null && Files.isRegularFile(folder.resolve("expected.json")),
                "Skipped: test vectors not found; set -Ddhad.shared to the folder holding "
                        + "testvectors/metrics/expected.json (was " + shared + ")");
        JsonObject expected;
        try (Reader reader = Files.newBufferedReader(folder.resolve("expected.json"))) {
            expected = JsonParser.parseReader(reader).getAsJsonObject();
        }
        String tolerance = expected.get("tolerance").getAsString();
        assertTrue(tolerance.contains("1e-6") && tolerance.contains("1e-4"), "tolerances changed: " + tolerance);
        JsonArray cases = expected.getAsJsonArray("cases");
        assertEquals(8, cases.size(), "number of cases in expected.json");
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonElement element : cases) {
            JsonObject c = element.getAsJsonObject();
            tests.add(DynamicTest.dynamicTest(c.get("name").getAsString(), () -> check(folder, c)));
        }
        return tests;
    }

    private static void check(Path folder, JsonObject c) throws Exception {
        String name = c.get("name").getAsString();
        EvaluationData data = load(folder, c);
        int checked = 0;
        try (MetricServices services = new MetricServices()) {
            for (Map.Entry<String, String> metric : METRICS.entrySet()) {
                if (!c.has(metric.getKey())) {
                    continue;
                }
                double want = c.get(metric.getKey()).getAsDouble();
                MetricResult result = services.get(metric.getValue()).compute(data);
                double tolerance = metric.getKey().equals("aupro30") ? AUPRO_TOLERANCE : TOLERANCE;
                assertEquals(want, result.value(), tolerance,
                        name + ": " + metric.getValue() + " (expected.json key " + metric.getKey() + ")");
                assertEquals(metric.getValue(), result.metricId(), name + ": result id");
                assertTrue(result.curve().isPresent(), name + ": " + metric.getValue() + " returns its curve");
                assertTrue(result.curve().get().x().length <= CurveSampler.MAX_POINTS,
                        name + ": curve points " + result.curve().get().x().length);
                checked++;
            }
        }
        assertTrue(checked >= 4, name + ": only " + checked + " values checked");
        // All pixel metrics above read the ranking built by the first one.
        ScoreRanking shared = ScoreRanking.of(data);
        assertSame(shared, data.derived(ScoreRanking.class, d -> fail("ranking computed a second time")),
                name + ": ranking shared through EvaluationData.derived");
    }

    private static EvaluationData load(Path folder, JsonObject c) throws IOException {
        String name = c.get("name").getAsString();
        if (c.get("kind").getAsString().equals("flat")) {
            float[] scores = floats(folder.resolve(name + ".scores.f32"));
            byte[] labels = Files.readAllBytes(folder.resolve(name + ".labels.u8"));
            assertEquals(c.get("count").getAsInt(), scores.length, name + ": score count");
            int positives = 0;
            for (byte b : labels) {
                positives += b;
            }
            assertEquals(c.get("positives").getAsInt(), positives, name + ": anomalous count");
            return ScoreMaps.flat(name, scores, labels);
        }
        JsonArray shape = c.getAsJsonArray("shape");
        int n = shape.get(0).getAsInt();
        int h = shape.get(1).getAsInt();
        int w = shape.get(2).getAsInt();
        float[] scores = floats(folder.resolve(name + ".maps.f32"));
        byte[] masks = Files.readAllBytes(folder.resolve(name + ".masks.u8"));
        assertEquals(n * h * w, scores.length, name + ": score count for shape " + shape);
        return ScoreMaps.stacked(name, scores, masks, n, h, w);
    }

    private static float[] floats(Path file) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        float[] values = new float[bytes.remaining() / Float.BYTES];
        bytes.asFloatBuffer().get(values);
        return values;
    }
}

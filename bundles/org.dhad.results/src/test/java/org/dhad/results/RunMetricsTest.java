package org.dhad.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.dhad.api.metric.Curve;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** metrics.json is strict JSON: an undefined value is null with its reason, and reads back as NaN. */
class RunMetricsTest {

    @TempDir
    Path dir;

    @Test
    void undefinedValuesAreNullWithTheirReasonAndReadBackAsNaN() throws Exception {
        RunMetrics.Metric auroc = new RunMetrics.Metric("pixel-auroc", "Pixel AUROC", true);
        RunMetrics written = new RunMetrics("HYBRID", "epoch-001.params", List.of(auroc),
                Map.of("grid", Map.of("pixel-auroc", new RunMetrics.Value(Double.NaN, "no defective pixels",
                        new Curve("FPR", "TPR", new double[] {0, 1}, new double[] {0, Double.NaN})))),
                Map.of("pixel-auroc", Double.NaN), 3);
        written.write(dir, "run");

        String text = Files.readString(dir.resolve(RunMetrics.FILE));
        assertFalse(text.contains("NaN"), "no bare NaN, which strict JSON readers refuse:\n" + text);
        assertTrue(text.contains("\"value\": null,\n") && text.contains("\"note\": \"no defective pixels\""),
                "null with the reason beside it:\n" + text);
        RunMetrics read = RunMetrics.read(dir.resolve(RunMetrics.FILE));
        assertTrue(Double.isNaN(read.perCategory().get("grid").get("pixel-auroc").value()), "value reads as NaN");
        assertTrue(Double.isNaN(read.mean().get("pixel-auroc")), "mean reads as NaN");
        assertTrue(Double.isNaN(read.perCategory().get("grid").get("pixel-auroc").curve().y()[1]), "curve point");
        assertEquals(3, read.images());
    }

    @Test
    void filesWrittenBeforeWithBareNaNStillRead() throws Exception {
        Files.writeString(dir.resolve(RunMetrics.FILE), "{\"metrics\": [{\"id\": \"pixel-auroc\", \"displayName\": "
                + "\"Pixel AUROC\", \"higherIsBetter\": true}], \"categories\": {\"grid\": {\"pixel-auroc\": "
                + "{\"value\": NaN, \"note\": \"no defective pixels\"}}}, \"mean\": {\"pixel-auroc\": NaN}, \"images\": 1}");
        RunMetrics read = RunMetrics.read(dir.resolve(RunMetrics.FILE));
        assertTrue(Double.isNaN(read.mean().get("pixel-auroc")), "bare NaN reads as NaN");
    }
}

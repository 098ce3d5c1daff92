package org.dhad.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.dhad.api.metric.OperatingPoint;
import org.dhad.api.metric.ScoreThresholds;
import org.dhad.api.metric.ThresholdSelection.Thresholds;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** thresholds.json reads back what was written; choices resolve to the stored thresholds or say what is missing. */
class RunThresholdsTest {

    @TempDir
    Path dir;

    private static RunThresholds stored() {
        ScoreThresholds image = new ScoreThresholds(new OperatingPoint(0.3, 3, 2, 0, 2),
                Map.of(0.01, new OperatingPoint(0.85, 1, 0, 2, 4)), 0.1, 0.9, "");
        ScoreThresholds pixel = new ScoreThresholds(null, Map.of(0.01, new OperatingPoint(0.5, 10, 1, 5, 99)),
                Double.NaN, 0.95, "no anomalous pixels: no F1-optimal threshold");
        return new RunThresholds(List.of(0.01), Map.of("grid", new Thresholds(image, pixel)));
    }

    @Test
    void writtenThresholdsReadBackAndUndefinedOnesAreNull() throws Exception {
        stored().write(dir, "run");
        String text = Files.readString(dir.resolve(RunThresholds.FILE));
        assertFalse(text.contains("NaN"), "strict JSON:\n" + text);
        RunThresholds read = RunThresholds.read(dir.resolve(RunThresholds.FILE));
        Thresholds grid = read.category("grid").orElseThrow();
        assertEquals(new OperatingPoint(0.3, 3, 2, 0, 2), grid.image().bestF1(), "image F1 point");
        assertEquals(0.85, grid.image().goodRate(0.01).orElseThrow().threshold(), "image good-rate threshold");
        assertTrue(grid.pixel().f1().isEmpty(), "no pixel F1 threshold");
        assertTrue(Double.isNaN(grid.pixel().low()), "undefined low reads as NaN");
        assertEquals(List.of(0.01), read.goodRates());
    }

    @Test
    void choicesResolveToStoredThresholdsOrNameWhatIsMissing() throws Exception {
        RunThresholds stored = stored();
        DecisionThresholds rate = ThresholdChoice.parse("good-rate:0.01").resolve(stored, "grid", "run");
        assertEquals(0.85, rate.image(), "image threshold at 1 %");
        assertEquals(0.5, rate.pixel(), "pixel threshold at 1 %");
        ResultsException noF1 = assertThrows(ResultsException.class,
                () -> ThresholdChoice.parse("f1").resolve(stored, "grid", "run"));
        assertTrue(noF1.getMessage().contains("no anomalous pixels"), noF1.getMessage());
        ResultsException otherRate = assertThrows(ResultsException.class,
                () -> ThresholdChoice.parse("good-rate:0.05").resolve(stored, "grid", "run"));
        assertTrue(otherRate.getMessage().contains("dhad evaluate run --good-rate 0.05"), otherRate.getMessage());
        ResultsException none = assertThrows(ResultsException.class,
                () -> ThresholdChoice.F1.resolve(null, "grid", "run"));
        assertTrue(none.getMessage().contains("no thresholds.json") && none.getMessage().contains("dhad evaluate run"),
                none.getMessage());
        DecisionThresholds value = ThresholdChoice.parse("0.6").resolve(null, "grid", "run");
        assertTrue(value.defective(0.6) && !value.defective(0.59) && value.anomalous(0.6f), "value decides both");
        assertTrue(Double.isNaN(value.normalised(0.6)), "no normalised score without the test range");
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> ThresholdChoice.parse("f2"));
        assertTrue(bad.getMessage().contains("'f2'") && bad.getMessage().contains("good-rate:SHARE"), bad.getMessage());
    }

    @Test
    void theNormalisedScoreIsHalfAtTheThresholdAndSpansTheTestRange() throws Exception {
        DecisionThresholds f1 = ThresholdChoice.F1.resolve(new RunThresholds(List.of(), Map.of("grid", new Thresholds(
                stored().category("grid").orElseThrow().image(), stored().category("grid").orElseThrow().image()))),
                "grid", "run");
        assertEquals(0.5, f1.normalised(0.3), 1e-12, "threshold at 0.5");
        assertEquals(0.0, f1.normalised(0.1), 1e-12, "lowest test score at 0");
        assertEquals(0.25, f1.normalised(0.2), 1e-12, "halfway below");
        assertEquals(0.75, f1.normalised(0.6), 1e-12, "halfway above");
        assertEquals(1.0, f1.normalised(5), 1e-12, "clipped above the test range");
        assertEquals(0.0, f1.normalised(-5), 1e-12, "clipped below the test range");
    }
}

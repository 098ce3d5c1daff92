package org.dhad.cli.internal;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

import org.dhad.api.metric.OperatingPoint;
import org.dhad.api.metric.ScoreThresholds;
import org.dhad.api.metric.ThresholdSelection.Thresholds;
import org.dhad.results.ResultsException;
import org.dhad.results.RunThresholds;

/** The thresholds evaluation chose, as lines under the metrics table of {@code dhad evaluate}. */
final class ThresholdLines {

    private ThresholdLines() {
    }

    static void print(PrintWriter out, Path runDir) {
        RunThresholds stored;
        try {
            stored = RunThresholds.read(runDir.resolve(RunThresholds.FILE));
        } catch (ResultsException e) {
            out.println("Thresholds: " + e.getMessage());
            return;
        }
        out.println("thresholds (score >= threshold is defective; counts on the test split):");
        for (Map.Entry<String, Thresholds> category : stored.perCategory().entrySet()) {
            line(out, category.getKey(), "image", category.getValue().image(), stored, "images");
            line(out, category.getKey(), "pixel", category.getValue().pixel(), stored, "pixels");
        }
    }

    private static void line(PrintWriter out, String category, String level, ScoreThresholds t, RunThresholds stored,
            String items) {
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "  %-20s %-6s", category, level));
        t.f1().ifPresent(p -> line.append(String.format(Locale.ROOT, " f1 %s (F1 %.3f, %s)", number(p.threshold()),
                p.f1(), flagged(p, items))));
        for (double rate : stored.goodRates()) {
            t.goodRate(rate).ifPresent(p -> line.append(String.format(Locale.ROOT, "; good-rate:%s %s (%s)", rate,
                    number(p.threshold()), flagged(p, items))));
        }
        if (!t.note().isEmpty()) {
            line.append(" (").append(t.note()).append(')');
        }
        out.println(line);
    }

    private static String flagged(OperatingPoint p, String items) {
        return String.format(Locale.ROOT, "flags %d of %d defective and %d of %d good %s", p.truePositives(),
                p.truePositives() + p.falseNegatives(), p.falsePositives(), p.falsePositives() + p.trueNegatives(),
                items);
    }

    /** A score as the user may type it back into {@code --threshold}. */
    static String number(double value) {
        return String.format(Locale.ROOT, "%.6g", value);
    }
}

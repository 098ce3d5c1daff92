package org.dhad.cli.internal;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;

import org.dhad.api.metric.OperatingPoint;
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
        for (RunThresholds.Row row : stored.rows()) {
            out.println(row.point() == null
                    ? String.format(Locale.ROOT, "  %-20s %-6s %s", row.category(), row.score(), row.rule())
                    : String.format(Locale.ROOT, "  %-20s %-6s %-15s %s (F1 %.3f, %s)", row.category(), row.score(),
                            row.rule(), number(row.point().threshold()), row.point().f1(),
                            flagged(row.point(), row.score() + "s")));
        }
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

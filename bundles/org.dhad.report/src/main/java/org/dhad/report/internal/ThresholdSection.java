package org.dhad.report.internal;

import java.util.Locale;
import java.util.Optional;

import org.dhad.api.metric.OperatingPoint;
import org.dhad.results.ResultsException;
import org.dhad.results.RunThresholds;

/**
 * A run's decision thresholds ({@code thresholds.json}): per category, for image and pixel scores, the F1-optimal
 * threshold and those for each good rate, with what they flag on the test split.
 */
final class ThresholdSection {

    private ThresholdSection() {
    }

    static void write(Html html, LoadedRun run) {
        if (run.metrics().isEmpty()) {
            return;
        }
        html.element("h3", "Decision thresholds");
        Optional<RunThresholds> read;
        try {
            read = run.run().thresholds();
        } catch (ResultsException e) {
            html.note("The thresholds cannot be read: " + e.getMessage());
            return;
        }
        if (read.isEmpty()) {
            html.note("Evaluated before thresholds were stored: dhad evaluate " + run.run().dir() + " chooses them.");
            return;
        }
        html.raw("<table class=\"grid\">\n<tr><th>category</th><th>score</th><th>threshold</th><th>value</th>"
                + "<th>defective flagged</th><th>good flagged</th><th>F1</th></tr>\n");
        for (RunThresholds.Row row : read.get().rows()) {
            if (row.point() == null) {
                html.raw("<tr><td>").text(row.category()).raw("</td><td>").text(row.score())
                        .raw("</td><td colspan=\"5\">").text(row.rule()).raw("</td></tr>\n");
            } else {
                row(html, row.category(), row.score(), row.rule(), row.point());
            }
        }
        html.raw("</table>\n");
        html.note("A score at or above the threshold is defective. Image score: the maximum of the image's pixel "
                + "scores. dhad predict RUN_DIR FOLDER --out DIR --threshold f1 (or good-rate:SHARE) decides with them.");
    }

    private static void row(Html html, String category, String level, String rule, OperatingPoint p) {
        html.raw("<tr><td>").text(category).raw("</td><td>").text(level).raw("</td><td>").text(rule)
                .raw("</td><td>").text(String.format(Locale.ROOT, "%.6g", p.threshold())).raw("</td><td>")
                .text(p.truePositives() + " of " + (p.truePositives() + p.falseNegatives())).raw("</td><td>")
                .text(p.falsePositives() + " of " + (p.falsePositives() + p.trueNegatives())).raw("</td><td>")
                .text(String.format(Locale.ROOT, "%.3f", p.f1())).raw("</td></tr>\n");
    }
}

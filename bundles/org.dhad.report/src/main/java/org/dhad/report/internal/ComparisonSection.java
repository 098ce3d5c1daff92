package org.dhad.report.internal;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.dhad.results.Percent;
import org.dhad.results.ResultsException;
import org.dhad.results.RunComparison;
import org.dhad.results.RunFolder;
import org.dhad.results.RunMetrics;

/**
 * The runs side by side: the paper's Table I on the mean over categories (through {@link RunComparison}, so
 * the report, {@code dhad compare} and the workbench agree), then one table per metric with a row per category
 * and a column per run. Best values are bold.
 */
public final class ComparisonSection {

    private ComparisonSection() {
    }

    /** Writes both kinds of table for {@code runs}. */
    public static void write(Html html, List<LoadedRun> runs) {
        html.raw("<section id=\"comparison\">\n").element("h2", "Comparison");
        List<RunFolder> readable = new ArrayList<>();
        for (LoadedRun r : runs) {
            if (r.metricsError() == null) {
                readable.add(r.run());
            } else {
                html.note(r.label() + " left out: " + r.metricsError());
            }
        }
        try {
            RunComparison comparison = RunComparison.of(readable, null);
            tableOne(html, comparison);
            for (RunMetrics.Metric metric : comparison.metrics()) {
                perCategory(html, runs, metric);
            }
        } catch (ResultsException e) {
            html.note("The comparison table cannot be made: " + e.getMessage());
        }
        html.raw("</section>\n");
    }

    private static void tableOne(Html html, RunComparison comparison) {
        html.element("h3", "Mean over categories (Table I)");
        if (comparison.metrics().isEmpty()) {
            html.note("No run is evaluated yet: there are no metrics to compare.");
        }
        int first = comparison.configurationColumns().size();
        html.raw("<table class=\"grid\">\n<thead><tr>");
        List<String> header = comparison.header();
        for (int c = 0; c < header.size(); c++) {
            html.raw(c < first ? "<th>" : "<th class=\"num\">").text(header.get(c)).raw("</th>");
        }
        html.raw("</tr></thead>\n<tbody>\n");
        List<List<String>> rows = comparison.rows();
        int[] best = comparison.metrics().stream().mapToInt(m -> comparison.best(m.id())).toArray();
        for (int r = 0; r < rows.size(); r++) {
            html.raw("<tr>");
            List<String> row = rows.get(r);
            for (int c = 0; c < row.size(); c++) {
                if (c < first) {
                    // a path shown by its file name keeps the whole path on hover
                    String full = comparison.fullText(r, c);
                    html.raw(full == null ? "<td>" : "<td title=\"" + Html.escape(full) + "\">").text(row.get(c))
                            .raw("</td>");
                } else {
                    cell(html, row.get(c), best[c - first] == r, null);
                }
            }
            html.raw("</tr>\n");
        }
        html.raw("</tbody></table>\n");
    }

    private static void perCategory(Html html, List<LoadedRun> runs, RunMetrics.Metric metric) {
        Set<String> categories = new LinkedHashSet<>();
        runs.forEach(r -> r.metrics().ifPresent(m -> m.perCategory().forEach((category, values) -> {
            if (values.containsKey(metric.id())) {
                categories.add(category);
            }
        })));
        html.element("h3", metric.displayName() + " % per category"
                + (metric.higherIsBetter() ? "" : " (lower is better)"));
        html.raw("<table class=\"grid\">\n<thead><tr><th>category</th>");
        runs.forEach(r -> html.raw("<th class=\"num\">").text(r.label()).raw("</th>"));
        html.raw("</tr></thead>\n<tbody>\n");
        for (String category : categories) {
            List<RunMetrics.Value> values = new ArrayList<>();
            for (LoadedRun r : runs) {
                values.add(r.metrics().map(m -> m.perCategory().getOrDefault(category, Map.of()).get(metric.id()))
                        .orElse(null));
            }
            double[] numbers = values.stream().mapToDouble(v -> v == null ? Double.NaN : v.value()).toArray();
            row(html, category, numbers, values, metric.higherIsBetter(), "");
        }
        double[] means = runs.stream().mapToDouble(r -> r.metrics().map(m -> m.mean().get(metric.id()))
                .map(Double::doubleValue).orElse(Double.NaN)).toArray();
        row(html, "mean", means, null, metric.higherIsBetter(), " class=\"mean\"");
        html.raw("</tbody></table>\n");
    }

    private static void row(Html html, String name, double[] numbers, List<RunMetrics.Value> values,
            boolean higherIsBetter, String rowClass) {
        int best = RunComparison.best(numbers, higherIsBetter);
        html.raw("<tr" + rowClass + "><td>").text(name).raw("</td>");
        for (int i = 0; i < numbers.length; i++) {
            String note = values == null || values.get(i) == null ? null : values.get(i).note();
            cell(html, Percent.of(numbers[i]), i == best, note);
        }
        html.raw("</tr>\n");
    }

    private static void cell(Html html, String value, boolean best, String note) {
        html.raw(best ? "<td class=\"num best\"><b>" : "<td class=\"num\">").text(value).raw(best ? "</b>" : "");
        if (note != null && !note.isBlank()) {
            html.raw(" <span class=\"cellnote\">").text(note).raw("</span>");
        }
        html.raw("</td>");
    }

}

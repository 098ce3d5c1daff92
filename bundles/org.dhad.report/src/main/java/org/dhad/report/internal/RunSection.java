package org.dhad.report.internal;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.dhad.report.charts.ChartSvg;
import org.dhad.report.charts.RunCharts;
import org.dhad.results.RunConfiguration;
import org.dhad.results.RunFolder;
import org.dhad.results.RunMetrics;
import org.dhad.results.RunState;
import org.jfree.chart.JFreeChart;

/**
 * One run's section: what it trained, where it stands, its training charts and, for a report of one run, a
 * chart per metric with a curve per category. {@link #curves} draws the curves of several runs instead.
 */
public final class RunSection {

    /** Chart size in the page's pixels; the SVG scales with the page. */
    static final int WIDTH = 720;
    static final int HEIGHT = 360;

    private RunSection() {
    }

    /** Writes the section of {@code run}; {@code categoryCurves}: draw its metric curves here. */
    public static void write(Html html, LoadedRun run, String anchor, boolean categoryCurves,
            int imagesPerDefect) {
        html.raw("<section class=\"run\" id=\"" + anchor + "\">\n").element("h2", "Run " + run.label());
        configuration(html, run);
        html.element("h3", "Training");
        if (run.historyError() != null) {
            html.note("The training log cannot be read: " + run.historyError());
        } else if (run.history().size() == 0) {
            html.note("No training step is logged yet (" + run.run().dir().resolve("train-log.csv") + ").");
        } else {
            html.raw("<div class=\"charts\">\n");
            chart(html, RunCharts.trainingLoss(run.history()));
            chart(html, RunCharts.learningRate(run.history()));
            chart(html, RunCharts.throughput(run.history()));
            html.raw("</div>\n");
        }
        if (categoryCurves) {
            html.element("h3", "Metric curves");
            if (metricsNote(html, run)) {
                List<String> ids = run.metrics().get().metricsWithCurves();
                if (ids.isEmpty()) {
                    html.note("None of the evaluated metrics has a curve.");
                }
                html.raw("<div class=\"charts\">\n");
                ids.forEach(id -> chart(html, RunCharts.categoryCurves(run.run(), id)));
                html.raw("</div>\n");
            }
        }
        ThresholdSection.write(html, run);
        GallerySection.write(html, run, imagesPerDefect);
        html.raw("</section>\n");
    }

    /** Per metric with curves and per category, one chart with a series per run. */
    public static void curves(Html html, List<LoadedRun> runs) {
        html.raw("<section id=\"curves\">\n").element("h2", "Metric curves");
        List<RunFolder> evaluated = runs.stream().filter(r -> r.metrics().isPresent()).map(LoadedRun::run).toList();
        Set<String> ids = new LinkedHashSet<>();
        Set<String> categories = new LinkedHashSet<>();
        runs.forEach(r -> r.metrics().ifPresent(m -> {
            ids.addAll(m.metricsWithCurves());
            categories.addAll(m.perCategory().keySet());
        }));
        if (ids.isEmpty()) {
            html.note(evaluated.isEmpty() ? "No run is evaluated yet." : "No evaluated metric has a curve.");
        }
        for (String id : ids) {
            String name = runs.stream().flatMap(r -> r.metrics().stream()).flatMap(m -> m.metric(id).stream())
                    .map(RunMetrics.Metric::displayName).findFirst().orElse(id);
            html.element("h3", name);
            html.raw("<div class=\"charts\">\n");
            for (String category : categories) {
                boolean any = runs.stream().anyMatch(r -> r.metrics().flatMap(m -> m.curve(category, id)).isPresent());
                if (any) {
                    chart(html, RunCharts.runCurves(evaluated, id, category));
                }
            }
            html.raw("</div>\n");
        }
        html.raw("</section>\n");
    }

    /** Writes a note and returns false when {@code run} has no readable metrics. */
    static boolean metricsNote(Html html, LoadedRun run) {
        if (run.metricsError() != null) {
            html.note("The metrics cannot be read: " + run.metricsError());
            return false;
        }
        if (run.metrics().isEmpty()) {
            html.note("Not evaluated yet: no metrics.json in " + run.run().dir()
                    + " (dhad evaluate " + run.run().dir() + " writes it).");
            return false;
        }
        return true;
    }

    private static void configuration(Html html, LoadedRun run) {
        RunConfiguration c = run.run().configuration();
        RunState state = run.state();
        html.raw("<table class=\"config\">\n");
        pair(html, "state", state.name().toLowerCase(Locale.ROOT) + ", " + run.run().trainedEpochs() + " of "
                + c.epochs() + " epochs trained");
        pair(html, "folder", run.run().dir().toString());
        pair(html, "experiment", c.name());
        pair(html, "backbone", c.backboneDescription());
        pair(html, "dataset", c.dataset() + (c.categories().isEmpty() ? " (all categories)"
                : ": " + String.join(", ", c.categories())));
        pair(html, "negatives", c.negatives() + ", pasted as " + c.pasteMode().toLowerCase(Locale.ROOT));
        String segmentation = c.values().get("segmentation.id");
        if (segmentation != null) { // mixed training (docs/segmentation-mixing.md)
            pair(html, "segmentation", segmentation + ", one step in " + c.values().get("schedule.segmentationEvery"));
        }
        pair(html, "loss", c.lossSummary());
        pair(html, "freeze", c.freeze());
        pair(html, "seed", String.valueOf(c.seed()));
        run.metrics().ifPresent(m -> pair(html, "evaluated", "checkpoint " + m.checkpoint() + ", score " + m.score()
                + ", " + m.images() + " test images"));
        html.raw("</table>\n");
    }

    private static void pair(Html html, String name, String value) {
        html.raw("<tr><th>").text(name).raw("</th><td>").text(value).raw("</td></tr>\n");
    }

    static void chart(Html html, JFreeChart chart) {
        html.raw("<figure class=\"chart\">").raw(ChartSvg.toSvg(chart, WIDTH, HEIGHT)).raw("</figure>\n");
    }
}

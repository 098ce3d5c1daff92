package org.dhad.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

import org.dhad.api.metric.OperatingPoint;
import org.dhad.api.metric.ScoreThresholds;
import org.dhad.api.metric.ThresholdSelection.Thresholds;
import org.dhad.report.fixtures.RunFixtures;
import org.dhad.results.Gallery;
import org.dhad.results.GalleryImage;
import org.dhad.results.RunFolder;
import org.dhad.results.RunThresholds;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTML report written from real run folders and read back as text. */
class HtmlReportTest {

    @TempDir
    Path runs;

    private static int count(String text, String part) {
        int n = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length())) {
            n++;
        }
        return n;
    }

    /** The table following the heading {@code heading}. */
    private static String table(String html, String heading) {
        int at = html.indexOf(heading);
        assertTrue(at >= 0, "no heading " + heading);
        return html.substring(html.indexOf("<table", at), html.indexOf("</table>", at));
    }

    /** The row of {@code table} whose first cell is {@code first}. */
    private static String row(String table, String first) {
        int at = table.indexOf("<td>" + first + "</td>");
        assertTrue(at >= 0, "no row " + first + " in " + table);
        return table.substring(at, table.indexOf("</tr>", at));
    }

    private List<RunFolder> twoRuns() throws IOException, Exception {
        Path a = RunFixtures.run(runs, "alpha", "20250101-000000", "NONE", 1);
        RunFixtures.log(a, 300);
        RunFixtures.metrics(a, 0.9, 0.8, 0.2, 0.3, 100);
        List<GalleryImage> images = new ArrayList<>(RunFixtures.gallery(a, "grid", List.of("good", "crack"), 6));
        Gallery.write(a, images);
        Path b = RunFixtures.run(runs, "beta", "20250102-000000", "BACKBONE", 1);
        RunFixtures.metrics(b, 0.95, 0.7, 0.1, 0.3, 50);
        Gallery.write(b, RunFixtures.gallery(b, "wood", List.of("scratch"), 2));
        return List.of(RunFolder.open(a), RunFolder.open(b));
    }

    @Test
    void tablesHoldTheMetricsInPercentWithTheBestBold() throws Exception {
        Path file = new HtmlReport(twoRuns()).write(runs.resolve("report.html"));
        String html = Files.readString(file, StandardCharsets.UTF_8);

        String tableOne = table(html, "Mean over categories (Table I)");
        assertTrue(tableOne.contains("<th class=\"num\">Pixel AUROC %</th>"), tableOne);
        String alpha = row(tableOne, "alpha/20250101-000000");
        String beta = row(tableOne, "beta/20250102-000000");
        assertTrue(alpha.contains("<b>85.00</b>"), "alpha has the best mean AUROC: " + alpha);
        assertTrue(beta.contains(">82.50<") && !beta.contains("<b>82.50</b>"), beta);
        assertTrue(beta.contains("<b>20.00</b>"), "FPR95: lower is better, beta's 20 beats 25: " + beta);
        assertTrue(alpha.contains(">25.00<") && alpha.contains("<td>Backbone</td>") == false);

        String auroc = table(html, "Pixel AUROC % per category");
        assertTrue(row(auroc, "grid").matches(".*>90\\.00<.*<b>95\\.00</b>.*"), row(auroc, "grid"));
        assertTrue(row(auroc, "wood").matches(".*<b>80\\.00</b>.*>70\\.00<.*"), row(auroc, "wood"));
        assertTrue(row(auroc, "mean").contains("<b>85.00</b>"));
        String fpr = table(html, "Pixel FPR95 % per category (lower is better)");
        assertTrue(row(fpr, "grid").matches(".*>20\\.00<.*<b>10\\.00</b>.*"), row(fpr, "grid"));
        assertTrue(row(fpr, "wood").contains("<b>30.00</b>"), "a tie goes to the first run");
    }

    @Test
    void runsThatDifferOnlyInTheBackbonesFileShowIt() throws Exception {
        // one preset run twice, on ImageNet and on random features: the same name, backbone id and freeze
        Path imagenet = RunFixtures.run(runs, "table1-all-mask", "20250101-000000", "ALL", 1,
                torchscript("/models/mobilenet_v1_imagenet_features.pt"));
        RunFixtures.metrics(imagenet, 0.8, 0.8, 0.2, 0.3, 10);
        Path random = RunFixtures.run(runs, "table1-all-mask", "20250102-000000", "ALL", 1,
                torchscript("/models/mobilenet_v1_random_features.pt"));
        RunFixtures.metrics(random, 0.6, 0.5, 0.4, 0.3, 10);
        String html = Files.readString(new HtmlReport(List.of(RunFolder.open(imagenet), RunFolder.open(random)))
                .write(runs.resolve("report.html")), StandardCharsets.UTF_8);

        String tableOne = table(html, "Mean over categories (Table I)");
        assertTrue(tableOne.contains("<th>backbone</th><th>backbone file</th><th>loss</th>"), tableOne);
        assertTrue(row(tableOne, "table1-all-mask/20250101-000000").contains(
                "<td>torchscript</td><td title=\"/models/mobilenet_v1_imagenet_features.pt\">"
                        + "mobilenet_v1_imagenet_features.pt</td>"), "file name shown, whole path on hover");
        assertTrue(row(tableOne, "table1-all-mask/20250102-000000").contains(">mobilenet_v1_random_features.pt<"));
        assertTrue(html.contains("<tr><th>backbone</th><td>torchscript (file mobilenet_v1_random_features.pt)</td></tr>"),
                "each run's own section names its backbone's settings");

        String alike = Files.readString(new HtmlReport(twoRuns()).write(runs.resolve("alike.html")),
                StandardCharsets.UTF_8);
        assertFalse(table(alike, "Mean over categories (Table I)").contains("backbone file"),
                "runs with the same backbone settings get no extra column");
    }

    @Test
    void aMixedRunsSectionNamesItsSegmentationSourceAndRatio() throws Exception {
        Path mixed = RunFixtures.run(runs, "future-mixed", "20250103-000000", "ALL", 1);
        Path json = mixed.resolve("experiment.json");
        Files.writeString(json, Files.readString(json).replace("\"batchSize\": 4}", "\"batchSize\": 4, \"segmentationEvery\": 3}")
                .replace("\"metrics\": [", "\"segmentation\": {\"id\": \"segmentation\", \"settings\": {\"root\": \"/data/camvid\"}}, "
                        + "\"metrics\": ["));
        RunFixtures.metrics(mixed, 0.8, 0.8, 0.2, 0.3, 10);
        String html = Files.readString(new HtmlReport(List.of(RunFolder.open(mixed))).write(runs.resolve("mixed.html")),
                StandardCharsets.UTF_8);
        assertTrue(html.contains("<tr><th>segmentation</th><td>segmentation, one step in 3</td></tr>"), html);
        String plain = Files.readString(new HtmlReport(twoRuns()).write(runs.resolve("plain.html")),
                StandardCharsets.UTF_8);
        assertFalse(plain.contains("<tr><th>segmentation</th>"), "runs without a source have no such row");
    }

    private static String torchscript(String file) {
        return "{\"id\": \"torchscript\", \"settings\": {\"file\": \"" + file + "\"}}";
    }

    @Test
    void chartsAndThumbnailsAreInlineAndLimitedPerDefect() throws Exception {
        Path file = new HtmlReport(twoRuns()).write(runs.resolve("report.html"));
        String html = Files.readString(file, StandardCharsets.UTF_8);
        // alpha's three training charts, then one AUROC chart per category with both runs
        assertEquals(5, count(html, "<svg"));
        assertEquals(count(html, "<svg"), count(html, "</svg>"));
        assertTrue(html.contains("No training step is logged yet"), "beta has no log");
        assertEquals(4 + 4 + 2, count(html, "data:image/png;base64,"));
        assertTrue(html.contains("<h5>crack <span class=\"count\">4 of 6</span></h5>"));
        assertTrue(html.contains("<h5>scratch <span class=\"count\">2 of 2</span></h5>"));
        assertTrue(html.contains("grid/crack/003 · max 0.530"));
        assertFalse(html.contains("grid/crack/004"), "only the first 4 images of a defect type");
        Matcher m = Pattern.compile("data:image/png;base64,([A-Za-z0-9+/=]+)\"").matcher(html);
        assertTrue(m.find());
        BufferedImage thumb = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(m.group(1))));
        assertEquals(16, thumb.getWidth());
        assertEquals(Color.RED.getRGB(), thumb.getRGB(7, 7));
        assertEquals(new Color(90, 90, 90).getRGB(), thumb.getRGB(1, 1));
        for (String external : List.of("<link", "<script", "src=\"http", "url(http", "@import")) {
            assertFalse(html.contains(external), "self-contained, yet has " + external);
        }

        String fewer = Files.readString(new HtmlReport(twoRuns().subList(0, 1)).imagesPerDefect(1)
                .write(runs.resolve("one.html")), StandardCharsets.UTF_8);
        assertEquals(2, count(fewer, "data:image/png;base64,"));
        // one run: its training charts and one AUROC chart with a curve per category
        assertEquals(4, count(fewer, "<svg"));
        assertTrue(fewer.contains(">grid<") && fewer.contains(">wood<"), "legend names the categories");
    }

    @Test
    void storedThresholdsAreTabledAndOlderRunsSayHowToGetThem() throws Exception {
        List<RunFolder> both = twoRuns();
        ScoreThresholds image = new ScoreThresholds(new OperatingPoint(-3.25, 10, 1, 1, 2),
                Map.of(0.01, new OperatingPoint(-3.2, 3, 0, 8, 3)), -3.6, -2.8, "");
        ScoreThresholds pixel = new ScoreThresholds(null, Map.of(), -4, -2, "no anomalous pixels: no F1-optimal threshold");
        new RunThresholds(List.of(0.01), Map.of("grid", new Thresholds(image, pixel))).write(both.get(0).dir(), "a");
        String html = Files.readString(new HtmlReport(both).write(runs.resolve("t.html")), StandardCharsets.UTF_8);
        String table = table(html, "Decision thresholds");
        assertTrue(table.contains("<td>grid</td><td>image</td><td>f1</td><td>-3.25000</td><td>10 of 11</td>"
                + "<td>1 of 3</td>"), table);
        assertTrue(table.contains("<td>good-rate:0.01</td><td>-3.20000</td><td>3 of 11</td><td>0 of 3</td>"), table);
        assertTrue(table.contains("no anomalous pixels"), table);
        assertTrue(html.contains("Evaluated before thresholds were stored: dhad evaluate"), "the second run's note");
    }

    @Test
    void textFromRunFoldersIsEscaped() throws Exception {
        Path dir = RunFixtures.run(runs, "a<b & \"c\"", "20250101-000000", "NONE", 1);
        RunFixtures.metrics(dir, 0.9, 0.8, 0.2, 0.3, 10);
        String html = Files.readString(new HtmlReport(List.of(RunFolder.open(dir))).write(runs.resolve("r.html")),
                StandardCharsets.UTF_8);
        assertTrue(html.contains("a&lt;b &amp; &quot;c&quot;/20250101-000000"));
        assertFalse(html.contains("a<b"));
        assertFalse(html.contains("& \""));
    }

    @Test
    void runsWithoutMetricsOrImagesGetNotes() throws Exception {
        Path dir = RunFixtures.run(runs, "fresh", "20250101-000000", "NONE", 3);
        String html = Files.readString(new HtmlReport(List.of(RunFolder.open(dir))).write(dir.resolve("report.html")),
                StandardCharsets.UTF_8);
        assertTrue(html.contains("No run is evaluated yet: there are no metrics to compare."));
        assertTrue(html.contains("Not evaluated yet: no metrics.json"));
        assertTrue(html.contains("No training step is logged yet"));
        assertTrue(html.contains("No heat maps"));
        assertTrue(html.contains("created, 0 of 3 epochs trained"));

        Path broken = RunFixtures.run(runs, "broken", "20250102-000000", "NONE", 1);
        Files.writeString(broken.resolve("metrics.json"), "{not json");
        String two = Files.readString(new HtmlReport(List.of(RunFolder.open(dir), RunFolder.open(broken)))
                .write(runs.resolve("two.html")), StandardCharsets.UTF_8);
        assertTrue(two.contains("broken/20250102-000000 left out: "), "names the unreadable run");
        assertTrue(two.contains("metrics.json: is not a valid metrics file"), "and the file");
    }

    @Test
    void overlaysUnderHeatmapsAreShownWithoutAGallery() throws Exception {
        Path dir = RunFixtures.run(runs, "old", "20250101-000000", "NONE", 1);
        RunFixtures.gallery(dir, "grid", List.of("crack"), 3); // writes heatmaps/ but no gallery.json
        String html = Files.readString(new HtmlReport(List.of(RunFolder.open(dir))).write(runs.resolve("r.html")),
                StandardCharsets.UTF_8);
        assertTrue(html.contains("No gallery.json: showing the overlays under heatmaps/"));
        assertEquals(3, count(html, "data:image/png;base64,"));
        assertTrue(html.contains("<figcaption>grid/crack/002</figcaption>"));
    }

    @Test
    void aFailedWriteKeepsTheEarlierReportAndLeavesNoTemporaryFile() throws Exception {
        List<RunFolder> folders = twoRuns();
        Path file = new HtmlReport(folders).write(runs.resolve("report.html"));
        String before = Files.readString(file, StandardCharsets.UTF_8);
        Path probe = Files.createFile(runs.resolve("probe"));
        assertEquals(Files.getPosixFilePermissions(probe), Files.getPosixFilePermissions(file),
                "the report gets the folder's usual permissions, not a temporary file's owner-only ones");
        IOException e = assertThrows(IOException.class, () -> HtmlReport.writeAtomically(file, out -> {
            out.write("<!DOCTYPE html><html>half a report".repeat(10_000));
            throw new IOException("disk full");
        }));
        assertEquals("disk full", e.getMessage());
        assertEquals(before, Files.readString(file, StandardCharsets.UTF_8));
        try (Stream<Path> files = Files.list(runs)) {
            assertEquals(List.of(), files.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList());
        }
        IOException noFolder = assertThrows(IOException.class,
                () -> new HtmlReport(folders).write(runs.resolve("missing").resolve("report.html")));
        assertTrue(noFolder.getMessage().startsWith(runs.resolve("missing") + ": no such folder"),
                noFolder.getMessage());
    }
}

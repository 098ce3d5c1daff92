package org.dhad.ui.results.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.dhad.api.metric.OperatingPoint;
import org.dhad.api.metric.ScoreThresholds;
import org.dhad.api.metric.ThresholdSelection.Thresholds;
import org.dhad.results.RunThresholds;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The results view on real run folders, on an X display (Xvfb; skipped with a message without one): metrics in
 * percent with their mean, curves per category, the gallery's filters and a threshold that tints what it
 * should, an older run's overlays, and a run not evaluated yet.
 */
class RunResultsPartTest {

    private static final long TIMEOUT_MS = 20_000;
    private static final int SIZE = 32;
    /** 32 px images are drawn 4x in 128 px thumbnails: each image pixel is 16 thumbnail pixels. */
    private static final int ZOOM = GalleryPanel.THUMB / SIZE;
    private static final int AREA = ZOOM * ZOOM;

    static Map<String, double[]> valuesA() {
        Map<String, double[]> v = new LinkedHashMap<>();
        v.put("fabric", new double[] {0.95, 0.20, 0.60});
        v.put("screw", new double[] {0.85, 0.40, 0.50});
        return v;
    }

    @Test
    void showsMetricsCurvesAndAThresholdGallery(@TempDir Path temp) throws Exception {
        Display display = UiTestSupport.display();
        Path run = RunFixture.trained(temp.resolve("runs"), "mask", "20261129-100000", "MASK", 1);
        RunFixture.evaluate(run, valuesA());
        RunFixture.gallery(run, RunFixture.shots(), SIZE);
        try (UiTestSupport.Hosted<RunResultsPart> hosted = UiTestSupport.host(display, RunResultsPart.class,
                run.toString())) {
            RunResultsPart part = hosted.part();
            assertNull(part.message(), "an evaluated run shows results, not a message");

            Table table = part.metricsTable().table();
            assertEquals(List.of("Category", "Pixel AUROC %", "Pixel FPR95 %", "Pixel AP %"),
                    Arrays.stream(table.getColumns()).map(TableColumn::getText).toList(), "metric columns in order");
            assertEquals(List.of(List.of("fabric", "95.00", "20.00", "60.00"), List.of("screw", "85.00", "40.00",
                    "50.00"), List.of("mean", "90.00", "30.00", "55.00")), rows(table), "percent values and mean");

            CurvesPanel curves = part.curves();
            assertEquals(List.of("Pixel AUROC", "Pixel AP"), Arrays.asList(curves.metrics().getItems()),
                    "only metrics with curves");
            assertEquals(List.of(RunResultsPart.ALL_CATEGORIES, "fabric", "screw"),
                    Arrays.asList(curves.categories().getItems()), "category selector");
            assertEquals(List.of("fabric", "screw"), seriesKeys(curves), "one series per category");
            select(curves.categories(), 2);
            assertEquals(List.of("screw"), seriesKeys(curves), "one category's curve");
            double[] y = {0, 0.85 * 0.8, 0.85, 1};
            for (int i = 0; i < y.length; i++) {
                assertEquals(y[i], curves.chart().getXYPlot().getDataset(0).getYValue(0, i), 1e-12, "ROC point " + i);
            }

            GalleryPanel gallery = part.gallery();
            UiTestSupport.await(display, gallery::settled, TIMEOUT_MS, "thumbnails drawn", () -> "none");
            assertEquals(8, gallery.thumbnailCount(), "every image");
            select(gallery.categories(), 1);
            assertEquals(5, gallery.thumbnailCount(), "fabric");
            assertEquals(List.of(GalleryPanel.ALL_DEFECTS, "good (2)", "hole (2)", "cut (1)"),
                    Arrays.asList(gallery.defects().getItems()), "fabric's defect types with counts");
            select(gallery.defects(), 2);
            assertEquals(2, gallery.thumbnailCount(), "fabric holes");
            assertEquals("fabric/hole/000", gallery.image(0).id(), "first hole");
            select(gallery.categories(), 2);
            assertEquals(3, gallery.thumbnailCount(), "screw, defect filter reset");

            select(gallery.categories(), 1);
            select(gallery.defects(), 1); // fabric good: no contour, whole columns tinted
            int tinted = ThresholdOverlay.tint(RunFixture.GREY);
            assertEquals(AREA * 16 * SIZE, redCount(display, gallery, 3.0, tinted), "3.0 tints columns 16..31");
            assertEquals(0, redCount(display, gallery, RunFixture.HIGH + 0.5, tinted), "above HIGH: no red");
            assertEquals(AREA * SIZE * SIZE, redCount(display, gallery, RunFixture.LOW - 0.5, tinted),
                    "below LOW: all red");
            assertEquals(AREA * 24 * SIZE, redCount(display, gallery, 2.0, tinted), "2.0 tints columns 8..31");

            gallery.threshold().drag(1000);
            UiTestSupport.await(display, () -> gallery.currentThreshold() == RunFixture.HIGH && gallery.settled(),
                    TIMEOUT_MS, "slider at its maximum redrawn", () -> "threshold " + gallery.currentThreshold());
            int atHigh = UiTestSupport.count(gallery.thumbnail(0), tinted);
            gallery.threshold().drag(0);
            UiTestSupport.await(display, () -> gallery.currentThreshold() == RunFixture.LOW && gallery.settled(),
                    TIMEOUT_MS, "slider at its minimum redrawn", () -> "threshold " + gallery.currentThreshold());
            assertTrue(atHigh <= AREA * SIZE, "at HIGH at most the last column is red: " + atHigh);
            assertEquals(AREA * SIZE * SIZE, UiTestSupport.count(gallery.thumbnail(0), tinted),
                    "slider at LOW: all red");
            assertEquals(ThresholdBar.format(RunFixture.LOW), gallery.threshold().text().getText(), "value shown");

            select(gallery.defects(), 2); // fabric holes, with truth
            gallery.type(3.0);
            UiTestSupport.await(display, gallery::settled, TIMEOUT_MS, "holes drawn", () -> "");
            ImageData hole = gallery.thumbnail(0);
            assertEquals(ThresholdOverlay.CONTOUR, UiTestSupport.rgb(hole, 8 * ZOOM, 8 * ZOOM),
                    "truth contour in the thumbnail");
            assertEquals(GalleryPanel.THUMB, hole.width, "enlarged to the thumbnail size");
            ImageWindow window = gallery.open(0);
            UiTestSupport.await(display, () -> window.renderingData() != null && window.overlayShown(), TIMEOUT_MS,
                    "the enlarged image and its overlay", () -> "");
            ImageData large = window.renderingData();
            assertEquals(ImageWindow.SIDE, large.width, "32 px drawn 16x to 512");
            assertEquals(ThresholdOverlay.CONTOUR, UiTestSupport.rgb(large, 8 * 16, 8 * 16), "contour, enlarged");
            assertEquals(tinted, UiTestSupport.rgb(large, 20 * 16, 12 * 16), "tint, enlarged");
            gallery.type(RunFixture.HIGH + 0.5);
            UiTestSupport.await(display, gallery::settled, TIMEOUT_MS, "redrawn above HIGH", () -> "");
            assertEquals(0, UiTestSupport.count(window.renderingData(), tinted),
                    "the open window follows the threshold");
            window.shell().dispose();
        }
    }

    @Test
    void storedThresholdsAreListedAndShownInTheImages(@TempDir Path temp) throws Exception {
        Display display = UiTestSupport.display();
        Path run = RunFixture.trained(temp.resolve("runs"), "mask", "20261129-100000", "MASK", 1);
        RunFixture.evaluate(run, valuesA());
        RunFixture.gallery(run, RunFixture.shots(), SIZE);
        ScoreThresholds image = new ScoreThresholds(new OperatingPoint(3.0, 3, 1, 0, 1),
                Map.of(0.01, new OperatingPoint(4.5, 1, 0, 2, 2)), RunFixture.LOW, RunFixture.HIGH, "");
        ScoreThresholds pixel = new ScoreThresholds(new OperatingPoint(2.0, 40, 9, 3, 900), Map.of(), RunFixture.LOW,
                RunFixture.HIGH, "");
        new RunThresholds(List.of(0.01), Map.of("fabric", new Thresholds(image, pixel))).write(run, run.toString());
        try (UiTestSupport.Hosted<RunResultsPart> hosted = UiTestSupport.host(display, RunResultsPart.class,
                run.toString())) {
            RunResultsPart part = hosted.part();
            Table table = part.thresholds().table();
            assertEquals(List.of(List.of("fabric", "image", "f1", "3.00000", "3 of 3", "1 of 2", "0.857"),
                    List.of("fabric", "image", "good-rate:0.01", "4.50000", "1 of 3", "0 of 2", "0.500"),
                    List.of("fabric", "pixel", "f1", "2.00000", "40 of 43", "9 of 909", "0.870")), rows(table),
                    "thresholds with what they flag");
            GalleryPanel gallery = part.gallery();
            UiTestSupport.await(display, gallery::settled, TIMEOUT_MS, "thumbnails drawn", () -> "none");
            table.setSelection(1);
            table.notifyListeners(org.eclipse.swt.SWT.DefaultSelection, new org.eclipse.swt.widgets.Event());
            UiTestSupport.await(display, () -> gallery.currentThreshold() == 4.5 && gallery.settled(), TIMEOUT_MS,
                    "the gallery at the chosen threshold", () -> "threshold " + gallery.currentThreshold());
        }
    }

    @Test
    void olderRunShowsItsOverlaysWithoutThreshold(@TempDir Path temp) throws Exception {
        Display display = UiTestSupport.display();
        Path run = RunFixture.trained(temp.resolve("runs"), "old", "20261101-090000", "RECTANGLE", 1);
        RunFixture.evaluate(run, valuesA());
        RunFixture.gallery(run, RunFixture.shots(), SIZE);
        Files.delete(run.resolve("gallery.json"));
        try (UiTestSupport.Hosted<RunResultsPart> hosted = UiTestSupport.host(display, RunResultsPart.class,
                run.toString())) {
            GalleryPanel gallery = hosted.part().gallery();
            UiTestSupport.await(display, gallery::settled, TIMEOUT_MS, "overlays shown", () -> "");
            assertEquals(8, gallery.thumbnailCount(), "every overlay under heatmaps/");
            assertEquals(RunFixture.GREY, UiTestSupport.rgb(gallery.thumbnail(0), 0, 0), "the overlay's pixels");
            assertFalse(gallery.threshold().text().isEnabled(), "no threshold without scores");
            assertNull(hosted.part().thresholds(), "no thresholds table without " + RunThresholds.FILE);
            select(gallery.categories(), 2);
            assertEquals(3, gallery.thumbnailCount(), "filters work on overlays too");
        }
    }

    @Test
    void runNotEvaluatedSaysSoAndRefreshShowsResults(@TempDir Path temp) throws Exception {
        Display display = UiTestSupport.display();
        Path run = RunFixture.trained(temp.resolve("runs"), "pending", "20261129-110000", "MASK", 3);
        try (UiTestSupport.Hosted<RunResultsPart> hosted = UiTestSupport.host(display, RunResultsPart.class,
                run.toString())) {
            RunResultsPart part = hosted.part();
            String message = part.message();
            assertNotNull(message, "a message instead of results");
            assertTrue(message.startsWith("This run is not evaluated yet") && message.contains("3 of 3 epochs trained")
                    && message.contains(run.resolve("metrics.json").toString()), "message: " + message);
            assertNull(part.metricsTable(), "no table");
            RunFixture.evaluate(run, valuesA());
            Button refresh = UiTestSupport.find(hosted.shell(), Button.class).stream()
                    .filter(b -> b.getText().equals("Refresh")).findFirst().orElseThrow();
            refresh.notifyListeners(org.eclipse.swt.SWT.Selection, new org.eclipse.swt.widgets.Event());
            assertNull(part.message(), "refreshed: results");
            assertEquals(3, part.metricsTable().table().getItemCount(), "two categories and the mean");
        }
        try (UiTestSupport.Hosted<RunResultsPart> hosted = UiTestSupport.host(display, RunResultsPart.class,
                temp.resolve("nowhere").toString())) {
            String message = hosted.part().message();
            assertTrue(message.contains("nowhere") && message.contains("no such folder"),
                    "a missing folder is named: " + hosted.part().message());
        }
    }

    private static int redCount(Display display, GalleryPanel gallery, double threshold, int tinted)
            throws InterruptedException {
        gallery.type(threshold);
        UiTestSupport.await(display, gallery::settled, TIMEOUT_MS, "redrawn at " + threshold, () -> "");
        return UiTestSupport.count(gallery.thumbnail(0), tinted);
    }

    static List<List<String>> rows(Table table) {
        return Arrays.stream(table.getItems()).map(item -> java.util.stream.IntStream.range(0, table.getColumnCount())
                .mapToObj(item::getText).toList()).toList();
    }

    static List<String> seriesKeys(CurvesPanel curves) {
        org.jfree.data.xy.XYDataset data = curves.chart().getXYPlot().getDataset(0);
        return java.util.stream.IntStream.range(0, data.getSeriesCount()).mapToObj(i -> data.getSeriesKey(i).toString())
                .toList();
    }

    static void select(org.eclipse.swt.widgets.Combo combo, int index) {
        combo.select(index);
        combo.notifyListeners(org.eclipse.swt.SWT.Selection, new org.eclipse.swt.widgets.Event());
    }
}

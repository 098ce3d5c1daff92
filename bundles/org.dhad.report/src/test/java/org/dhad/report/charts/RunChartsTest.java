package org.dhad.report.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.dhad.api.metric.Curve;
import org.dhad.report.fixtures.RunFixtures;
import org.dhad.results.RunFolder;
import org.dhad.results.TrainingHistory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.xy.XYDataset;
import org.jfree.data.xy.XYSeriesCollection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Chart factories: series, thinning, axes, SVG text and rendered pixels. */
class RunChartsTest {

    @TempDir
    Path runs;

    private static Curve roc(int n) {
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = (double) i / (n - 1);
            y[i] = Math.sqrt(x[i]);
        }
        return new Curve("FPR", "TPR", x, y);
    }

    @Test
    void longCurvesAreThinnedKeepingEndPointsAndPeaks() {
        int n = 10_000;
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i;
            y[i] = Math.sin(i / 500.0);
        }
        y[5003] = 100; // a single spike must survive thinning
        var series = ChartStyle.series("s", x, y);
        assertEquals(RunCharts.MAX_POINTS, series.getItemCount());
        assertEquals(0.0, series.getX(0).doubleValue());
        assertEquals(y[0], series.getY(0).doubleValue());
        assertEquals(n - 1.0, series.getX(series.getItemCount() - 1).doubleValue());
        assertEquals(y[n - 1], series.getY(series.getItemCount() - 1).doubleValue());
        assertEquals(100.0, series.getMaxY());
        assertEquals(-1.0, series.getMinY(), 1e-5, "the sine's trough is kept");
        for (int i = 1; i < series.getItemCount(); i++) {
            assertTrue(series.getX(i).doubleValue() > series.getX(i - 1).doubleValue(), "points stay in order");
        }
    }

    @Test
    void shortCurvesAreKeptWhole() {
        var series = ChartStyle.series("s", new double[] { 0, 0.1, 1 }, new double[] { 0, 0.8, 1 });
        assertEquals(3, series.getItemCount());
        assertEquals(0.8, series.getY(1).doubleValue());
    }

    @Test
    void rocChartHasOneSeriesPerCurveTheChanceDiagonalAndUnitAxes() {
        JFreeChart chart = RunCharts.curves("ROC", List.of(new LabelledCurve("grid", roc(5000)),
                new LabelledCurve("wood", roc(10)), new LabelledCurve("grid", roc(3))));
        XYPlot plot = chart.getXYPlot();
        XYDataset curves = plot.getDataset(0);
        assertEquals(3, curves.getSeriesCount());
        assertEquals("grid", curves.getSeriesKey(0));
        assertEquals("grid (2)", curves.getSeriesKey(2), "duplicate labels get distinct keys");
        assertEquals(RunCharts.MAX_POINTS, curves.getItemCount(0));
        assertEquals(10, curves.getItemCount(1));
        assertEquals(1.0, curves.getXValue(0, RunCharts.MAX_POINTS - 1));
        assertEquals(1.0, curves.getYValue(0, RunCharts.MAX_POINTS - 1));
        assertEquals(RunCharts.CHANCE, plot.getDataset(1).getSeriesKey(0));
        assertEquals("FPR", plot.getDomainAxis().getLabel());
        assertEquals("TPR", plot.getRangeAxis().getLabel());
        assertEquals(0.0, plot.getDomainAxis().getLowerBound());
        assertEquals(1.0, plot.getRangeAxis().getUpperBound());
        assertTrue(!plot.getRenderer(0).getSeriesPaint(0).equals(plot.getRenderer(0).getSeriesPaint(1)));
    }

    @Test
    void prChartHasNoDiagonalAndUnitAxes() {
        Curve pr = new Curve("Recall", "Precision", new double[] { 0, 0.5, 1 }, new double[] { 1, 0.9, 0.2 });
        XYPlot plot = RunCharts.curves("PR", List.of(new LabelledCurve("grid", pr))).getXYPlot();
        assertNull(plot.getDataset(1));
        assertEquals("Recall", plot.getDomainAxis().getLabel());
        assertEquals("Precision", plot.getRangeAxis().getLabel());
        assertEquals(0.0, plot.getRangeAxis().getLowerBound());
        assertEquals(1.0, plot.getDomainAxis().getUpperBound());
    }

    @Test
    void trainingChartsPlotEachTermTheTotalLearningRateAndThroughput() throws Exception {
        Path dir = RunFixtures.run(runs, "demo", "20250101-000000", "NONE", 1);
        RunFixtures.log(dir, 4500);
        TrainingHistory history = RunFolder.open(dir).history();
        XYPlot loss = RunCharts.trainingLoss(history).getXYPlot();
        XYSeriesCollection terms = (XYSeriesCollection) loss.getDataset();
        assertEquals(3, terms.getSeriesCount());
        assertEquals(List.of("inlier-posterior", "outlier-energy", "total (weighted)"),
                List.of(terms.getSeriesKey(0), terms.getSeriesKey(1), terms.getSeriesKey(2)));
        assertEquals(RunCharts.MAX_POINTS, terms.getItemCount(0));
        assertEquals(2.0, terms.getYValue(0, 0), 1e-6);
        assertEquals(4500.0, terms.getXValue(0, RunCharts.MAX_POINTS - 1));
        assertEquals(2f / 4500, terms.getYValue(0, RunCharts.MAX_POINTS - 1), 1e-9);
        assertEquals("global step", loss.getDomainAxis().getLabel());
        assertEquals("loss", loss.getRangeAxis().getLabel());

        XYPlot lr = RunCharts.learningRate(history).getXYPlot();
        assertEquals(1, lr.getDataset().getSeriesCount());
        assertEquals(1e-3 * (1 - 1.0 / 4501), lr.getDataset().getYValue(0, 0), 1e-9);

        XYPlot speed = RunCharts.throughput(history).getXYPlot();
        assertEquals("images/s", speed.getDataset(0).getSeriesKey(0));
        assertEquals("data wait (ms)", speed.getDataset(1).getSeriesKey(0));
        assertEquals("data wait (ms)", speed.getRangeAxis(1).getLabel());
        assertEquals(11.0, speed.getDataset(0).getYValue(0, 0));
    }

    @Test
    void aLossTermFarLargerThanTheOthersGetsItsOwnAxis() throws Exception {
        Path dir = RunFixtures.run(runs, "energy", "20250101-000000", "NONE", 1);
        StringBuilder csv = new StringBuilder(
                "epoch,step,global_step,inlier-posterior,outlier-energy,total,lr,images_per_s,data_wait_ms\n");
        for (int s = 1; s <= 50; s++) {
            // energy in the thousands, posterior below one, total = posterior + 0.0001 * energy
            csv.append("1,").append(s).append(',').append(s).append(",0.5,").append(-100f * s).append(',')
                    .append(0.5f - 0.01f * s).append(",0.001,10.0,1.0\n");
        }
        java.nio.file.Files.writeString(dir.resolve("train-log.csv"), csv);
        XYPlot plot = RunCharts.trainingLoss(RunFolder.open(dir).history()).getXYPlot();
        assertEquals(List.of("inlier-posterior", "total (weighted)"),
                List.of(plot.getDataset(0).getSeriesKey(0), plot.getDataset(0).getSeriesKey(1)));
        assertEquals(2, plot.getDataset(0).getSeriesCount());
        assertEquals("outlier-energy", plot.getDataset(1).getSeriesKey(0));
        assertEquals(-5000.0, plot.getDataset(1).getYValue(0, 49));
        assertEquals("outlier-energy", plot.getRangeAxis(1).getLabel());
        assertEquals(plot.getRangeAxis(1), plot.getRangeAxisForDataset(1));
        assertEquals(ChartStyle.colour(1), plot.getRenderer(1).getSeriesPaint(0), "keeps the term's colour");
    }

    @Test
    void aTermLoggedOnSomeStepsOnlyIsOneLineThroughThoseSteps() throws Exception {
        // mixed training: segmentation-ce on one step in 4, the anomaly term on the others (NaN where absent)
        Path dir = RunFixtures.run(runs, "mixed", "20250101-000000", "NONE", 1);
        StringBuilder csv = new StringBuilder(
                "epoch,step,global_step,inlier-posterior,segmentation-ce,total,lr,images_per_s,data_wait_ms\n");
        for (int s = 1; s <= 40; s++) {
            boolean segmentation = s % 4 == 0;
            csv.append("1,").append(s).append(',').append(s).append(segmentation ? ",NaN," : ",0.5,")
                    .append(segmentation ? "2.0" : "NaN").append(segmentation ? ",2.0" : ",0.5")
                    .append(",0.001,10.0,1.0\n");
        }
        java.nio.file.Files.writeString(dir.resolve("train-log.csv"), csv);
        XYSeriesCollection terms = (XYSeriesCollection) RunCharts.trainingLoss(RunFolder.open(dir).history())
                .getXYPlot().getDataset();
        assertEquals("segmentation-ce", terms.getSeriesKey(1));
        assertEquals(10, terms.getItemCount(1), "the ten segmentation steps, no gaps between them");
        assertEquals(4.0, terms.getXValue(1, 0));
        assertEquals(30, terms.getItemCount(0), "the anomaly term on the other thirty");
        assertEquals(40, terms.getItemCount(2), "the total on every step");
    }

    @Test
    void seriesAboveTheWidestGapOfMagnitudesAreLarge() {
        double[] posterior = { 0.7, -0.5 };
        double[] energy = { -7000, -10 };
        double[] total = { -2100, 0.4 };
        assertEquals("[false, false, true, true]", java.util.Arrays.toString(TrainingCharts.largeSeries(
                List.of(posterior, posterior.clone(), energy, total))));
        assertEquals("[false, false]", java.util.Arrays.toString(TrainingCharts.largeSeries(
                List.of(new double[] { 0.5 }, new double[] { 5 }))), "a factor of 10 shares the axis");
        assertEquals("[false, false]", java.util.Arrays.toString(TrainingCharts.largeSeries(
                List.of(new double[] { 0, 0 }, new double[] { 5, Double.NaN }))), "zeros are no reason to split");
    }

    @Test
    void runAndCategoryCurvesNameRunsAndCategoriesAndNoteRunsWithoutCurves() throws Exception {
        Path a = RunFixtures.run(runs, "alpha", "20250101-000000", "NONE", 1);
        RunFixtures.metrics(a, 0.9, 0.8, 0.2, 0.3, 3000);
        Path b = RunFixtures.run(runs, "beta", "20250102-000000", "BACKBONE", 1);
        RunFixtures.metrics(b, 0.95, 0.7, 0.1, 0.4, 50);
        Path c = RunFixtures.run(runs, "gamma", "20250103-000000", "NONE", 1);
        List<RunFolder> folders = new ArrayList<>();
        for (Path p : List.of(a, b, c)) {
            folders.add(RunFolder.open(p));
        }
        JFreeChart byRun = RunCharts.runCurves(folders, RunFixtures.AUROC, "grid");
        XYDataset data = byRun.getXYPlot().getDataset();
        assertEquals(2, data.getSeriesCount());
        assertEquals("alpha/20250101-000000", data.getSeriesKey(0));
        assertEquals(RunCharts.MAX_POINTS, data.getItemCount(0));
        assertEquals(50, data.getItemCount(1));
        assertEquals("Pixel AUROC - grid", byRun.getTitle().getText());
        assertTrue(byRun.getSubtitles().stream().anyMatch(t -> t instanceof TextTitle tt
                && tt.getText().contains("gamma/20250103-000000")));

        XYDataset categories = RunCharts.categoryCurves(folders.get(1), RunFixtures.AUROC).getXYPlot().getDataset();
        assertEquals(2, categories.getSeriesCount());
        assertEquals("wood", categories.getSeriesKey(1));
        assertEquals(0, RunCharts.categoryCurves(folders.get(2), RunFixtures.AUROC).getXYPlot().getDataset()
                .getSeriesCount());
    }

    @Test
    void svgCarriesTitleAxesAndLegendText() {
        JFreeChart chart = RunCharts.curves("ROC of <grid>", List.of(new LabelledCurve("run & one", roc(100)),
                new LabelledCurve("run-two", roc(50))));
        String svg = ChartSvg.toSvg(chart, 640, 400);
        assertTrue(svg.startsWith("<svg"), svg.substring(0, 40));
        assertTrue(svg.trim().endsWith("</svg>"));
        assertTrue(svg.contains("viewBox='0 0 640 400'"), "scalable: " + svg.substring(0, 300));
        assertTrue(svg.contains("run &amp; one"), "legend text, escaped");
        assertTrue(svg.contains("run-two"));
        assertTrue(svg.contains("ROC of &lt;grid&gt;"));
        // the rotated y label is drawn as glyph outlines (JFreeChart's rotated-text workaround), the rest as text
        assertTrue(svg.contains(">FPR<"), "x axis label");
        assertTrue(svg.contains(RunCharts.CHANCE));
        String other = ChartSvg.toSvg(chart, 640, 400);
        assertTrue(!firstClipId(svg).isEmpty() && !firstClipId(svg).equals(firstClipId(other)),
                "clip ids differ between charts on one page");
    }

    @Test
    void svgDrawsEachSeriesAsOnePathSoReportsStaySmall() {
        List<LabelledCurve> curves = List.of(new LabelledCurve("a", roc(5000)), new LabelledCurve("b", roc(5000)),
                new LabelledCurve("c", roc(5000)));
        String svg = ChartSvg.toSvg(RunCharts.curves("ROC", curves), 720, 360);
        // 3 series of 2,000 points at about 13 characters a point, plus some 25 kB of axes, grid and legend
        assertTrue(svg.length() < 150_000, "SVG of " + svg.length() + " characters");
        assertTrue(svg.length() > 3 * 2000 * 8, "every kept point is drawn: " + svg.length());
    }

    private static String firstClipId(String svg) {
        int at = svg.indexOf("clipPath id='");
        return at < 0 ? "" : svg.substring(at, svg.indexOf('\'', at + 14));
    }

    @Test
    void rendersNonBlankPixelsInTheSeriesColours() {
        JFreeChart chart = RunCharts.curves("ROC", List.of(new LabelledCurve("grid", roc(200))));
        BufferedImage image = new BufferedImage(400, 300, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        chart.draw(g, new Rectangle(0, 0, 400, 300));
        g.dispose();
        int white = 0;
        int series = 0;
        int first = ChartStyle.colour(0).getRGB() & 0xFFFFFF;
        for (int y = 0; y < 300; y++) {
            for (int x = 0; x < 400; x++) {
                int rgb = image.getRGB(x, y) & 0xFFFFFF;
                white += rgb == 0xFFFFFF ? 1 : 0;
                series += rgb == first ? 1 : 0;
            }
        }
        assertTrue(image.getRGB(2, 2) == 0xFFFFFFFF, "white background");
        assertTrue(white < 400 * 300 * 0.97, "something is drawn: " + white + " white pixels");
        assertTrue(series > 100, "the curve is drawn in its colour: " + series + " pixels");
    }
}

package org.dhad.ui.results.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.dhad.results.RunComparison;
import org.dhad.results.RunFolder;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The comparison view on three real run folders (two evaluated with different values and curves, one not),
 * on an X display (Xvfb; skipped with a message without one): the table as Table I with the right run bold per
 * metric, one curve per evaluated run, and exports equal to RunComparison's text.
 */
class ComparisonPartTest {

    @Test
    void comparesRunsMarksTheBestChartsEachRunAndExports(@TempDir Path temp) throws Exception {
        Display display = UiTestSupport.display();
        Path runs = temp.resolve("runs");
        Path a = RunFixture.trained(runs, "mask", "20261129-100000", "MASK", 1);
        RunFixture.evaluate(a, RunResultsPartTest.valuesA());
        Path b = RunFixture.trained(runs, "rect", "20261129-120000", "RECTANGLE", 1);
        Map<String, double[]> valuesB = new LinkedHashMap<>();
        valuesB.put("fabric", new double[] {0.90, 0.10, 0.70});
        valuesB.put("screw", new double[] {0.80, 0.30, 0.30});
        RunFixture.evaluate(b, valuesB);
        Path pending = RunFixture.trained(runs, "pending", "20261129-130000", "MASK", 2);
        List<RunFolder> folders = List.of(RunFolder.open(a), RunFolder.open(b), RunFolder.open(pending));

        try (UiTestSupport.Hosted<ComparisonPart> hosted = UiTestSupport.host(display, ComparisonPart.class,
                a + "\n" + b + "\n" + pending + "\n")) {
            ComparisonPart part = hosted.part();
            Table table = part.table().table();
            RunComparison mean = RunComparison.of(folders, null);
            assertEquals(mean.header(), Arrays.stream(table.getColumns()).map(TableColumn::getText).toList(), "header");
            assertEquals(mean.rows(), RunResultsPartTest.rows(table), "rows as RunComparison writes them");
            List<List<String>> rows = RunResultsPartTest.rows(table);
            int first = mean.configurationColumns().size();
            assertEquals(RunComparison.FIXED_COLUMNS, mean.configurationColumns(), "alike backbones: no extra column");
            List<String> shown = Arrays.stream(table.getColumnOrder()).mapToObj(i -> table.getColumn(i).getText())
                    .toList();
            assertEquals(List.of("run", "freeze", "patches", "Pixel AUROC %", "Pixel FPR95 %", "Pixel AP %",
                    "negatives"), shown.subList(0, 7), "shown in the paper's order: metrics right after the patches");
            assertEquals(List.of("mask/20261129-100000", "Mask"), List.of(rows.get(0).get(0), rows.get(0).get(2)),
                    "run label and paste mode");
            assertEquals(List.of("90.00", "30.00", "55.00"), rows.get(0).subList(first, first + 3), "run A, mean");
            assertEquals(List.of("85.00", "20.00", "50.00"), rows.get(1).subList(first, first + 3), "run B, mean");
            assertEquals(List.of("n/a", "n/a", "n/a"), rows.get(2).subList(first, first + 3), "not evaluated");
            // mean: AUROC best is A (higher), FPR95 best is B (lower), AP best is A
            assertBold(part, new int[] {0, 1, 0}, first);

            RunResultsPartTest.select(part.category(), 1); // fabric
            assertEquals("fabric", part.category().getText(), "category selected");
            assertEquals(RunComparison.of(folders, "fabric").rows(), RunResultsPartTest.rows(table), "fabric rows");
            // fabric: AUROC A 95 > B 90, FPR95 B 10 < A 20, AP B 70 > A 60
            assertBold(part, new int[] {0, 1, 1}, first);

            CurvesPanel curves = part.curves();
            assertEquals(List.of("Pixel AUROC", "Pixel AP"), Arrays.asList(curves.metrics().getItems()),
                    "curve metrics");
            assertEquals("fabric", curves.categories().getText(), "the chart follows the table's category");
            assertEquals(List.of("mask/20261129-100000", "rect/20261129-120000"), RunResultsPartTest.seriesKeys(curves),
                    "one series per evaluated run");
            assertEquals(0.95, curves.chart().getXYPlot().getDataset(0).getYValue(0, 2), 1e-12, "run A's ROC");
            assertEquals(0.90, curves.chart().getXYPlot().getDataset(0).getYValue(1, 2), 1e-12, "run B's ROC");

            RunResultsPartTest.select(part.category(), 0);
            Path csv = temp.resolve("out/table.csv");
            Files.createDirectories(csv.getParent());
            String done = part.export(csv, ComparisonPart.Format.CSV);
            assertTrue(done.startsWith("Exported 3 runs to ") && done.contains(csv.toString()), done);
            assertEquals(mean.toCsv(), Files.readString(csv, StandardCharsets.UTF_8), "CSV export");
            Path md = temp.resolve("out/table.md");
            Files.writeString(md, "an older export");
            part.export(md, ComparisonPart.Format.MARKDOWN);
            assertEquals(mean.toMarkdown(), Files.readString(md, StandardCharsets.UTF_8), "Markdown export replaces");
            try (var left = Files.list(csv.getParent())) {
                assertEquals(List.of("table.csv", "table.md"), left.map(p -> p.getFileName().toString()).sorted()
                        .toList(), "no temporary file left");
            }
            Path nowhere = temp.resolve("missing/folder/table.csv");
            String failed = part.export(nowhere, ComparisonPart.Format.CSV);
            assertTrue(failed.startsWith("Cannot write " + nowhere), "failure names the file: " + failed);
            assertFalse(Files.exists(nowhere), "nothing written");

            // The buttons ask the workbench's dialogs where to write and report a failure through them.
            Path asked = temp.resolve("out/asked.csv");
            hosted.dialogs().answer(asked).answer(nowhere);
            press(hosted, "Export CSV...");
            assertEquals(mean.toCsv(), Files.readString(asked, StandardCharsets.UTF_8), "Export CSV... writes the file");
            press(hosted, "Export Markdown...");
            press(hosted, "Export CSV...");
            List<String> asks = hosted.dialogs().shown;
            assertEquals(4, asks.size(), "three questions and one error: " + asks);
            assertTrue(asks.get(2).startsWith("error Export failed: Cannot write " + nowhere), asks.get(2));
            asks.set(2, "error");
            assertEquals(List.of("save Export CSV comparison.csv *.csv", "save Export Markdown comparison.md *.md",
                    "error", "save Export CSV comparison.csv *.csv"), asks,
                    "asked for a file each time; the failure shown, a cancel is quiet");
        }
    }

    @Test
    void runsThatDifferOnlyInTheBackbonesFileShowItWithThePathOnHover(@TempDir Path temp) throws Exception {
        Display display = UiTestSupport.display();
        Path runs = temp.resolve("runs");
        String imagenet = temp.resolve("models/mobilenet_v1_imagenet_features.pt").toString();
        String random = temp.resolve("models/mobilenet_v1_random_features.pt").toString();
        Path a = RunFixture.trained(runs, "table1-all-mask", "20261129-100000", "MASK", 1, torchscript(imagenet));
        RunFixture.evaluate(a, RunResultsPartTest.valuesA());
        Path b = RunFixture.trained(runs, "table1-all-mask", "20261129-110000", "MASK", 1, torchscript(random));

        try (UiTestSupport.Hosted<ComparisonPart> hosted = UiTestSupport.host(display, ComparisonPart.class,
                a + "\n" + b + "\n")) {
            Table table = hosted.part().table().table();
            List<String> shown = Arrays.stream(table.getColumnOrder()).mapToObj(i -> table.getColumn(i).getText())
                    .toList();
            assertEquals(List.of("run", "freeze", "patches", "Pixel AUROC %", "Pixel FPR95 %", "Pixel AP %",
                    "negatives", "backbone", "backbone file", "loss", "epochs"), shown,
                    "Table I's order kept; the file beside the backbone it belongs to");
            int file = hosted.part().comparison().header().indexOf("backbone file");
            assertEquals(List.of("mobilenet_v1_imagenet_features.pt", "mobilenet_v1_random_features.pt"),
                    List.of(table.getItem(0).getText(file), table.getItem(1).getText(file)), "file names");

            assertEquals(random, hoverTip(table, 1, file), "the whole path on hover");
            assertEquals("Double-click a run to open its results", hoverTip(table, 1, file - 1),
                    "the backbone id is shown whole");
        }
    }

    private static String torchscript(String file) {
        return "{\"id\": \"torchscript\", \"settings\": {\"file\": \"" + file + "\"}}";
    }

    /** The table's tooltip once the pointer moves over the middle of cell ({@code row}, {@code column}). */
    private static String hoverTip(Table table, int row, int column) {
        Rectangle cell = table.getItem(row).getBounds(column);
        Event move = new Event();
        move.x = cell.x + cell.width / 2;
        move.y = cell.y + cell.height / 2;
        table.notifyListeners(SWT.MouseMove, move);
        return table.getToolTipText();
    }

    private static void press(UiTestSupport.Hosted<ComparisonPart> hosted, String text) {
        Button button = UiTestSupport.find(hosted.shell(), Button.class).stream().filter(b -> b.getText().equals(text))
                .findFirst().orElseThrow(() -> new AssertionError("no button " + text));
        button.notifyListeners(SWT.Selection, new Event());
    }

    private static void assertBold(ComparisonPart part, int[] bestRow, int first) {
        for (int m = 0; m < bestRow.length; m++) {
            for (int r = 0; r < 3; r++) {
                assertEquals(r == bestRow[m], part.table().isBold(r, first + m),
                        "row " + r + ", metric " + m + " bold only for the best run " + bestRow[m]);
            }
        }
    }
}

package org.dhad.results;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs side by side as Table I: values in percent, the best per metric, CSV and Markdown. */
class RunComparisonTest {

    @TempDir
    Path runs;

    @Test
    void tableOnMeanAndOnOneCategory() throws Exception {
        Path a = RunFixtures.experiment(runs, "all-mask", "20261129-100000", "ALL", "MASK", 40);
        RunFixtures.metrics(a, 0.8072, 0.8072, 0.2825);
        Path b = RunFixtures.experiment(runs, "none-rect", "20261129-110000", "NONE", "RECTANGLE", 40);
        RunFixtures.metrics(b, 0.7253, 0.7253, 0.3846);
        Path c = RunFixtures.experiment(runs, "pending", "20261129-120000", "BACKBONE", "MASK", 40);
        RunComparison mean = RunComparison.of(List.of(RunFolder.open(a), RunFolder.open(b), RunFolder.open(c)), null);

        assertEquals(List.of("run", "freeze", "patches", "negatives", "backbone", "loss", "epochs", "Pixel AUROC %",
                "Pixel FPR95 %"), mean.header());
        assertEquals(List.of("all-mask/20261129-100000", "All", "Mask", "segmentation", "deeplabv3",
                "inlier-posterior×1 + outlier-energy×0.03", "40", "80.72", "28.25"), mean.rows().get(0));
        assertEquals(List.of("n/a", "n/a"), mean.rows().get(2).subList(7, 9), "not evaluated");
        assertEquals(0, mean.best("pixel-auroc"), "higher AUROC is better");
        assertEquals(0, mean.best("pixel-fpr95"), "lower FPR95 is better");
        assertEquals(-1, mean.best("image-auroc"), "no run has it");

        String csv = mean.toCsv();
        assertEquals("run,freeze,patches,negatives,backbone,loss,epochs,Pixel AUROC %,Pixel FPR95 %",
                csv.lines().findFirst().orElseThrow());
        assertEquals("none-rect/20261129-110000,None,Rectangle,segmentation,deeplabv3,"
                + "inlier-posterior×1 + outlier-energy×0.03,40,72.53,38.46", csv.lines().skip(2).findFirst().orElseThrow());

        List<String> md = mean.toMarkdown().lines().toList();
        assertEquals("|---|---|---|---|---|---|---|---:|---:|", md.get(1));
        assertEquals("| all-mask/20261129-100000 | All | Mask | segmentation | deeplabv3 | "
                + "inlier-posterior×1 + outlier-energy×0.03 | 40 | **80.72** | **28.25** |", md.get(2));

        RunComparison wood = RunComparison.of(List.of(RunFolder.open(a), RunFolder.open(b)), "wood");
        assertEquals("n/a", wood.rows().get(0).get(8), "NaN FPR95 on a category without defects");
        assertEquals(-1, wood.best("pixel-fpr95"));
    }

    @Test
    void sweepRowsAreMeansOverSeedsWithTheirSpread() throws Exception {
        // experiment "all-mask": seed 1 -> grid 80, wood 60 (mean 70); seed 2 -> grid 90, wood 70 (mean 80)
        Path s1 = seeded(RunFixtures.experiment(runs, "all-mask-s1", "20261129-100000", "ALL", "MASK", 40), 1);
        RunFixtures.metrics(s1, 0.80, 0.60, 0.30);
        Path s2 = seeded(RunFixtures.experiment(runs, "all-mask-s2", "20261129-100001", "ALL", "MASK", 40), 2);
        RunFixtures.metrics(s2, 0.90, 0.70, 0.20);
        // experiment "none-rect": one seed, one run evaluated, one not yet
        Path one = seeded(RunFixtures.experiment(runs, "none-rect-s1", "20261129-110000", "NONE", "RECTANGLE", 40), 1);
        RunFixtures.metrics(one, 0.70, 0.50, 0.40);
        Path pending = seeded(RunFixtures.experiment(runs, "none-rect-s2", "20261129-110001", "NONE", "RECTANGLE", 40),
                2);
        Map<String, List<RunFolder>> rows = new LinkedHashMap<>();
        rows.put("all-mask", List.of(RunFolder.open(s1), RunFolder.open(s2)));
        rows.put("none-rect", List.of(RunFolder.open(one), RunFolder.open(pending)));

        RunComparison mean = RunComparison.overSeeds(rows, null);

        assertEquals(List.of("run", "freeze", "patches", "negatives", "backbone", "loss", "epochs", "Pixel AUROC %",
                "Pixel FPR95 %"), mean.header(), "seed and name differ within rows: no columns for them");
        assertEquals(List.of("all-mask", "All", "Mask", "segmentation", "deeplabv3",
                "inlier-posterior×1 + outlier-energy×0.03", "40", "75.00 ± 7.07", "25.00 ± 7.07"), mean.rows().get(0));
        assertEquals(List.of("60.00", "40.00"), mean.rows().get(1).subList(7, 9),
                "one evaluated seed: its value, no spread");
        assertEquals(0.75, mean.value(0, "pixel-auroc"), 1e-9);
        assertEquals(Math.sqrt(0.005), mean.spread(0, "pixel-auroc"), 1e-9);
        assertEquals(0, mean.best("pixel-auroc"));

        RunComparison grid = RunComparison.overSeeds(rows, "grid");
        assertEquals(List.of("85.00 ± 7.07", "25.00 ± 7.07"), grid.rows().get(0).subList(7, 9));
        RunComparison wood = RunComparison.overSeeds(rows, "wood");
        assertEquals(List.of("65.00 ± 7.07", "n/a"), wood.rows().get(0).subList(7, 9), "NaN FPR95 stays undefined");
        assertEquals("| all-mask | All | Mask | segmentation | deeplabv3 | inlier-posterior×1 + outlier-energy×0.03 | 40 "
                + "| **65.00 ± 7.07** | n/a |", wood.toMarkdown().lines().toList().get(2));
    }

    private static Path seeded(Path run, long seed) throws java.io.IOException {
        Path file = run.resolve(RunFolder.EXPERIMENT_FILE);
        Files.writeString(file, Files.readString(file, StandardCharsets.UTF_8).replace("\"seed\": 7", "\"seed\": "
                + seed), StandardCharsets.UTF_8);
        return run;
    }
}

package org.dhad.results;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;

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
}

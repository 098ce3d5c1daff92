package org.dhad.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs that differ only in the backbone's settings told apart: which settings differ, paths by file name, and
 * the comparison's columns for them (none when the runs are alike).
 */
class SettingDifferenceTest {

    private static final String IMAGENET = "/work/shared/models/mobilenet_v1_imagenet_features.pt";
    private static final String RANDOM = "/work/shared/models/mobilenet_v1_random_features.pt";

    @TempDir
    Path runs;

    @Test
    void sameBackboneOtherFileAndDepthGetTheirOwnColumns() throws Exception {
        // the same preset twice (same experiment name), as issue 13's user ran it: only the .pt file differs
        Path imagenet = RunFixtures.withBackbone(runs, "table1-all-mask", "20261129-100000",
                torchscript(IMAGENET, "512"));
        RunFixtures.metrics(imagenet, 0.797, 0.797, 0.3);
        Path random = RunFixtures.withBackbone(runs, "table1-all-mask", "20261129-110000",
                torchscript(RANDOM, "512"));
        RunFixtures.metrics(random, 0.565, 0.565, 0.5);
        RunComparison c = RunComparison.of(List.of(RunFolder.open(imagenet), RunFolder.open(random)), null);

        assertEquals(List.of("run", "freeze", "patches", "negatives", "backbone", "backbone file", "loss", "epochs",
                "Pixel AUROC %", "Pixel FPR95 %"), c.header(), "the file right after the backbone, metrics last");
        assertEquals(List.of("table1-all-mask/20261129-100000", "All", "Mask", "segmentation", "torchscript",
                "mobilenet_v1_imagenet_features.pt"), c.rows().get(0).subList(0, 6));
        assertEquals("mobilenet_v1_random_features.pt", c.rows().get(1).get(5));
        assertEquals(RANDOM, c.fullText(1, 5), "the whole path for a tooltip");
        assertNull(c.fullText(1, 4), "the backbone id is shown whole");
        assertNull(c.fullText(1, 8), "metrics are shown whole");
        assertEquals(0, c.best("pixel-auroc"));
        assertEquals("| table1-all-mask/20261129-110000 | All | Mask | segmentation | torchscript | "
                + "mobilenet_v1_random_features.pt | inlier-posterior×1 + outlier-energy×0.03 | 40 | 56.50 | 50.00 |",
                c.toMarkdown().lines().toList().get(3));
        assertEquals("|---|---|---|---|---|---|---|---|---:|---:|", c.toMarkdown().lines().toList().get(1));
        assertTrue(c.toCsv().startsWith("run,freeze,patches,negatives,backbone,backbone file,loss,"), c.toCsv());

        Path deep18 = RunFixtures.withBackbone(runs, "resnet", "20261129-120000",
                "{\"id\": \"deeplabv3\", \"settings\": {\"depth\": \"18\", \"width\": \"0.5\"}}");
        Path deep50 = RunFixtures.withBackbone(runs, "resnet", "20261129-130000",
                "{\"id\": \"deeplabv3\", \"settings\": {\"depth\": \"50\"}}");
        List<SettingDifference> d = SettingDifference.between(List.of(RunFolder.open(deep18).configuration(),
                RunFolder.open(deep50).configuration()));
        assertEquals(List.of("backbone depth", "backbone width"), d.stream().map(SettingDifference::label).toList());
        assertEquals(List.of("0.5", SettingDifference.DEFAULT), d.get(1).values(), "a setting left to the default");
        assertEquals("backbone depth=18, backbone width=0.5", SettingDifference.summary(d, 0));
        assertEquals("backbone depth=50, backbone width=default", SettingDifference.summary(d, 1));
        assertEquals("deeplabv3 (depth 18, width 0.5)", RunFolder.open(deep18).configuration().backboneDescription(),
                "one run on its own: its backbone settings, as the report and the results view describe it");
        assertEquals("torchscript (file mobilenet_v1_random_features.pt, feature-channels 512)",
                RunFolder.open(random).configuration().backboneDescription());
    }

    @Test
    void identicalRunsGetNoExtraColumn() throws Exception {
        String backbone = torchscript(IMAGENET, "512");
        Path a = RunFixtures.withBackbone(runs, "same", "20261129-100000", backbone);
        Path b = RunFixtures.withBackbone(runs, "same", "20261129-110000", backbone);
        RunComparison c = RunComparison.of(List.of(RunFolder.open(a), RunFolder.open(b)), null);

        assertEquals(List.of(), c.differences());
        assertEquals(RunComparison.FIXED_COLUMNS, c.configurationColumns());
        assertEquals(RunComparison.FIXED_COLUMNS, c.header(), "not evaluated: no metric columns either");
        assertEquals("", SettingDifference.summary(c.differences(), 0));
        assertEquals(List.of(), RunComparison.of(List.of(RunFolder.open(a)), null).differences(), "one run alone");
    }

    @Test
    void threeRunsShowWhatAnyOfThemChanges() throws Exception {
        // two files of the same name in different folders: the name alone would not tell them apart
        Path first = RunFixtures.withBackbone(runs, "three", "20261129-100000",
                torchscript("/models/imagenet/features.pt", "512"));
        Path second = RunFixtures.withBackbone(runs, "three", "20261129-110000",
                torchscript("/models/random/features.pt", "512"));
        Path third = RunFixtures.withBackbone(runs, "three", "20261129-120000",
                torchscript("/models/imagenet/features.pt", "256"));
        // a pretrained-weights file beside the backbone, where the engine writes it, in one run only
        Path fourth = RunFixtures.withBackbone(runs, "three", "20261129-130000",
                torchscript("/models/imagenet/features.pt", "512") + ", \"weights\": \"/w/deeplabv3.params\"");
        RunComparison c = RunComparison.of(List.of(RunFolder.open(first), RunFolder.open(second),
                RunFolder.open(third), RunFolder.open(fourth)), null);

        assertEquals(List.of("backbone file", "backbone feature-channels", "weights"),
                c.differences().stream().map(SettingDifference::label).toList());
        assertEquals(List.of("imagenet/features.pt", "random/features.pt", "imagenet/features.pt",
                "imagenet/features.pt"), c.differences().get(0).shown(), "as many folders as tell them apart");
        assertEquals(List.of("512", "512", "256", "512"), c.differences().get(1).shown());
        assertEquals(List.of(SettingDifference.NONE, SettingDifference.NONE, SettingDifference.NONE,
                "deeplabv3.params"), c.differences().get(2).shown(), "no weights file: none");
        assertEquals(List.of("three/20261129-120000", "All", "Mask", "segmentation", "torchscript",
                "imagenet/features.pt", "256", "none", "inlier-posterior×1 + outlier-energy×0.03", "40"),
                c.rows().get(2));
        assertEquals("/models/random/features.pt", c.fullText(1, 5));
        assertNull(c.fullText(2, 6), "a number is shown whole");
        assertEquals("torchscript (file features.pt, feature-channels 512, weights deeplabv3.params)",
                RunFolder.open(fourth).configuration().backboneDescription());
    }

    @Test
    void shortSummaryNamesBackboneFileFreezePatchesAndSeedInTheComparisonsWords() throws Exception {
        Path torchscript = RunFixtures.experiment(runs, "ts", "20261129-100000", "BACKBONE", "RECTANGLE", 2,
                torchscript(IMAGENET, "512"));
        Path deeplab = RunFixtures.experiment(runs, "dl", "20261129-100000", "NONE", "MASK", 2,
                "{\"id\": \"deeplabv3\", \"settings\": {\"depth\": \"18\"}}, \"weights\": \"/w/resnet50.params\"");
        RunFolder ts = RunFolder.open(torchscript);

        assertEquals("torchscript mobilenet_v1_imagenet_features.pt, freeze Backbone, patches Rectangle, seed 7",
                ts.configuration().shortSummary(), "the .pt file by name, enum names as the comparison's cells");
        RunComparison c = RunComparison.of(List.of(ts), null);
        assertEquals(List.of("Backbone", "Rectangle"), c.rows().get(0).subList(1, 3), "the same words as the comparison");
        assertEquals("deeplabv3 resnet50.params, freeze None, patches Mask, seed 7",
                RunFolder.open(deeplab).configuration().shortSummary(), "pretrained weights by name; depth is a "
                        + "difference, not part of the short summary");
    }

    @Test
    void labelsAndPathsAsTablesShowThem() {
        assertEquals("backbone output-stride", SettingDifference.label("backbone.settings.output-stride"));
        assertEquals("schedule learning rate", SettingDifference.label("schedule.learningRate"));
        assertEquals("schedule backbone lr factor", SettingDifference.label("schedule.backboneLrFactor"));
        assertEquals(List.of("mvtec", "mvtec_ad"), SettingDifference.shown(List.of("/data/mvtec/", "C:\\data\\mvtec_ad")));
        assertEquals(List.of("model.pt", "/x/model.pt"), SettingDifference.shown(List.of("model.pt", "/x/model.pt")),
                "a bare name and a path ending in it stay apart");
        assertEquals(List.of("/a/m.pt", "a/m.pt"), SettingDifference.shown(List.of("/a/m.pt", "a/m.pt")),
                "absolute and relative: shown whole");
    }

    private static String torchscript(String file, String featureChannels) {
        return "{\"id\": \"torchscript\", \"settings\": {\"file\": \"" + file + "\", \"feature-channels\": \""
                + featureChannels + "\"}}";
    }
}

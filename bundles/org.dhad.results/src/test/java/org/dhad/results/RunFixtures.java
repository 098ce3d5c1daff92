package org.dhad.results;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** Run folders written with the engine's file formats, for reading back. */
final class RunFixtures {

    private RunFixtures() {
    }

    static Path experiment(Path runs, String name, String stamp, String freeze, String paste, int epochs)
            throws IOException {
        return experiment(runs, name, stamp, freeze, paste, epochs, "{\"id\": \"deeplabv3\", \"settings\": {}}");
    }

    /** An all/mask run of {@code name} whose {@code "backbone"} member is {@code backboneJson}. */
    static Path withBackbone(Path runs, String name, String stamp, String backboneJson) throws IOException {
        return experiment(runs, name, stamp, "ALL", "MASK", 40, backboneJson);
    }

    static Path experiment(Path runs, String name, String stamp, String freeze, String paste, int epochs,
            String backboneJson) throws IOException {
        Path dir = Files.createDirectories(runs.resolve(name).resolve(stamp));
        Files.writeString(dir.resolve(RunFolder.EXPERIMENT_FILE), String.format(Locale.ROOT, """
                {"name": "%s", "backbone": %s,
                 "dataset": {"id": "mvtec", "settings": {"root": "/data/mvtec"}}, "categories": ["grid", "wood"],
                 "negatives": {"id": "segmentation", "settings": {}},
                 "paste": {"mode": "%s", "count": 1}, "lossWeights": {"inlier-posterior": 1.0, "outlier-energy": 0.03},
                 "freeze": "%s", "schedule": {"epochs": %d, "batchSize": 4}, "seed": 7, "metrics": ["pixel-auroc"]}
                """, name, backboneJson, paste, freeze, epochs), StandardCharsets.UTF_8);
        return dir;
    }

    static void log(Path dir, int steps, boolean partialLastLine) throws IOException {
        StringBuilder csv = new StringBuilder(
                "epoch,step,global_step,inlier-posterior,outlier-energy,total,lr,images_per_s,data_wait_ms\n");
        for (int s = 1; s <= steps; s++) {
            csv.append(String.format(Locale.ROOT, "1,%d,%d,%s,%s,%s,0.00100000,12.50,0.5%n", s, s,
                    Float.toString(2f / s), Float.toString(-s), Float.toString(2f / s - 0.03f * s)));
        }
        if (partialLastLine) {
            csv.append("1,99,99,0.5");
        }
        Files.writeString(dir.resolve(TrainingHistory.FILE), csv, StandardCharsets.UTF_8);
    }

    static void metrics(Path dir, double gridAuroc, double woodAuroc, double gridFpr) throws IOException {
        Files.writeString(dir.resolve(RunMetrics.FILE), String.format(Locale.ROOT, """
                {"run": "x", "checkpoint": "c", "score": "HYBRID",
                 "metrics": [{"id": "pixel-auroc", "displayName": "Pixel AUROC", "higherIsBetter": true},
                             {"id": "pixel-fpr95", "displayName": "Pixel FPR95", "higherIsBetter": false}],
                 "categories": {
                   "grid": {"pixel-auroc": {"value": %s, "note": "", "curve": {"xLabel": "FPR", "yLabel": "TPR",
                              "x": [0.0, 0.1, 1.0], "y": [0.0, 0.8, 1.0]}},
                            "pixel-fpr95": {"value": %s, "note": ""}},
                   "wood": {"pixel-auroc": {"value": %s, "note": ""}, "pixel-fpr95": {"value": NaN, "note": "no defects"}}},
                 "mean": {"pixel-auroc": %s, "pixel-fpr95": %s}, "images": 10}
                """, gridAuroc, gridFpr, woodAuroc, (gridAuroc + woodAuroc) / 2, gridFpr), StandardCharsets.UTF_8);
    }
}

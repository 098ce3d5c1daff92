package org.dhad.ui.results.internal;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import com.google.gson.GsonBuilder;

import org.dhad.api.metric.Curve;
import org.dhad.results.Gallery;
import org.dhad.results.GalleryImage;

/**
 * Writes run folders in the engine's formats (experiment.json as ExperimentJson, metrics.json as MetricsJson,
 * train-log.csv as TrainLog, checkpoints/latest.json, gallery.json with inputs, 16-bit scores, truth masks and
 * overlays) so the parts are tested on real files.
 */
final class RunFixture {

    /** Input colour of every fixture image: grey, so a tinted pixel is exactly {@code tint(GREY)}. */
    static final int GREY = 0x646464;
    static final double LOW = 1.0;
    static final double HIGH = 5.0;

    record Column(String id, String displayName, boolean higherIsBetter) {
    }

    private record Entry(double value, String note, Curve curve) {
    }

    private record MetricsDocument(String run, String checkpoint, String score, List<Column> metrics,
            Map<String, Map<String, Entry>> categories, Map<String, Double> mean, int images) {
    }

    static final List<Column> COLUMNS = List.of(new Column("pixel-auroc", "Pixel AUROC", true),
            new Column("pixel-fpr95", "Pixel FPR95", false), new Column("pixel-ap", "Pixel AP", true));

    private RunFixture() {
    }

    /** A run folder with experiment, log and checkpoint: trained for {@code epochs}, not evaluated. */
    static Path trained(Path runs, String name, String timestamp, String paste, int epochs) throws IOException {
        return trained(runs, name, timestamp, paste, epochs,
                "{\"id\": \"deeplabv3\", \"settings\": {\"depth\": \"18\"}}");
    }

    /** The same with {@code backboneJson} as the experiment's {@code "backbone"} member. */
    static Path trained(Path runs, String name, String timestamp, String paste, int epochs, String backboneJson)
            throws IOException {
        Path dir = Files.createDirectories(runs.resolve(name).resolve(timestamp));
        Files.writeString(dir.resolve("experiment.json"), """
                {
                  "name": "%s",
                  "backbone": %s,
                  "dataset": {"id": "synthetic", "settings": {"image-size": "32"}},
                  "categories": ["fabric", "screw"],
                  "negatives": {"id": "synthetic", "settings": {}},
                  "paste": {"mode": "%s", "count": 3, "probability": 1.0, "minScale": 0.05, "maxScale": 0.25,
                    "rectangleStep": 16},
                  "lossWeights": {"inlier-posterior": 1.0, "outlier-energy": 0.03},
                  "freeze": "NONE",
                  "schedule": {"epochs": %d, "batchSize": 8, "inputSize": 32, "learningRate": 0.003,
                    "backboneLrFactor": 1.0, "minLearningRate": 1.0E-5, "loaderThreads": 2},
                  "seed": 7,
                  "metrics": ["pixel-auroc", "pixel-fpr95", "pixel-ap"],
                  "score": "HYBRID"
                }
                """.formatted(name, backboneJson, paste, epochs), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("train-log.csv"), "epoch,step,global_step,inlier-posterior,outlier-energy,"
                + "total,lr,images_per_s,data_wait_ms\n1,1,1,0.6,5.0,0.75,0.00300000,21.19,121.9\n"
                + "1,2,2,0.5,4.0,0.62,0.00300000,39.00,0.0\n", StandardCharsets.UTF_8);
        Path checkpoints = Files.createDirectories(dir.resolve("checkpoints"));
        String stem = "epoch-%03d".formatted(epochs);
        Files.writeString(checkpoints.resolve("latest.json"), "{\"stem\":\"" + stem + "\"}");
        Files.writeString(checkpoints.resolve(stem + ".json"), "{\"stem\":\"" + stem + "\",\"epoch\":" + epochs
                + ",\"batch\":0,\"globalStep\":2,\"seed\":7,\"skipped\":0}");
        return dir;
    }

    /**
     * Writes metrics.json: per category {auroc, fpr95, ap} from {@code values}; ROC and PR curves whose shape
     * depends on the AUROC; the mean as the engine computes it.
     */
    static void evaluate(Path dir, Map<String, double[]> values) throws IOException {
        Map<String, Map<String, Entry>> categories = new LinkedHashMap<>();
        double[] sum = new double[COLUMNS.size()];
        values.forEach((category, v) -> {
            Map<String, Entry> entries = new LinkedHashMap<>();
            double bend = v[0];
            entries.put("pixel-auroc", new Entry(v[0], "", new Curve("FPR", "TPR",
                    new double[] {0, 0.1, 0.5, 1}, new double[] {0, bend * 0.8, bend, 1})));
            entries.put("pixel-fpr95", new Entry(v[1], "", null));
            entries.put("pixel-ap", new Entry(v[2], "", new Curve("Recall", "Precision",
                    new double[] {0, 0.5, 1}, new double[] {1, v[2], 0.1})));
            categories.put(category, entries);
            for (int i = 0; i < sum.length; i++) {
                sum[i] += v[i];
            }
        });
        Map<String, Double> mean = new LinkedHashMap<>();
        for (int i = 0; i < COLUMNS.size(); i++) {
            mean.put(COLUMNS.get(i).id(), sum[i] / values.size());
        }
        MetricsDocument document = new MetricsDocument(dir.getFileName().toString(), "epoch-001", "HYBRID", COLUMNS,
                categories, mean, 12);
        Files.writeString(dir.resolve("metrics.json"), new GsonBuilder().setPrettyPrinting()
                .serializeSpecialFloatingPointValues().create().toJson(document), StandardCharsets.UTF_8);
    }

    /** One gallery entry to write: its scores rise from LOW at the left column to HIGH at the right. */
    record Shot(String category, String defect, String name) {
    }

    /** The default gallery: fabric good ×2, hole ×2, cut ×1; screw good ×1, thread ×2. */
    static List<Shot> shots() {
        return List.of(new Shot("fabric", "good", "000"), new Shot("fabric", "good", "001"),
                new Shot("fabric", "hole", "000"), new Shot("fabric", "hole", "001"), new Shot("fabric", "cut", "000"),
                new Shot("screw", "good", "000"), new Shot("screw", "thread", "000"),
                new Shot("screw", "thread", "001"));
    }

    /**
     * Writes gallery.json and its images at {@code size}²: grey inputs, scores growing left to right from
     * {@link #LOW} to {@link #HIGH} (column x has LOW + (HIGH - LOW) x / (size - 1)), a centred square mask for
     * defect images, and an overlay PNG under heatmaps/.
     */
    static List<GalleryImage> gallery(Path dir, List<Shot> shots, int size) throws IOException {
        List<GalleryImage> images = new ArrayList<>();
        float[] scores = new float[size * size];
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                scores[y * size + x] = (float) (LOW + (HIGH - LOW) * x / (size - 1));
            }
        }
        boolean[] mask = new boolean[size * size];
        for (int y = size / 4; y < 3 * size / 4; y++) {
            for (int x = size / 4; x < 3 * size / 4; x++) {
                mask[y * size + x] = true;
            }
        }
        BufferedImage input = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                input.setRGB(x, y, GREY);
            }
        }
        for (Shot s : shots) {
            String rel = s.category() + "/" + s.defect() + "/" + s.name() + ".png";
            Path overlay = dir.resolve("heatmaps/" + rel);
            Path in = dir.resolve("inputs/" + rel);
            Path score = dir.resolve("scores/" + rel);
            boolean good = s.defect().equals(Gallery.GOOD);
            Path truth = good ? null : dir.resolve("truth/" + rel);
            Files.createDirectories(overlay.getParent());
            Files.createDirectories(in.getParent());
            ImageIO.write(input, "png", overlay.toFile());
            ImageIO.write(input, "png", in.toFile());
            GalleryImage.writeScores(score, scores, size, size, LOW, HIGH);
            if (truth != null) {
                GalleryImage.writeTruth(truth, mask, size, size);
            }
            images.add(new GalleryImage(s.category() + "/" + s.defect() + "/" + s.name(), s.category(), s.defect(),
                    overlay, in, score, truth, LOW, HIGH, HIGH));
        }
        Gallery.write(dir, images);
        return images;
    }
}

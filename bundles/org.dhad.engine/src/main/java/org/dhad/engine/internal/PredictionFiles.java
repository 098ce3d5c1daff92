package org.dhad.engine.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import org.dhad.engine.Prediction;
import org.dhad.engine.PredictionJson;
import org.dhad.engine.PredictionReport;
import org.dhad.results.RunComparison;

/**
 * {@code predictions.csv} (one row per image) and {@code predictions.json} (the same rows, the thresholds and the
 * skipped files). Columns without a value (no thresholds, no defect) are empty in the CSV and null in the JSON.
 */
final class PredictionFiles {

    /** The CSV's header. */
    static final List<String> HEADER = List.of("file", "image_score", "normalised_score", "verdict", "defect_pixels",
            "defect_percent", "defect_x", "defect_y", "defect_width", "defect_height");

    private PredictionFiles() {
    }

    static void write(PredictionReport report, Path runDir, int size) throws IOException {
        Files.createDirectories(report.outDir());
        StringBuilder csv = new StringBuilder();
        RunComparison.csvLine(csv, HEADER);
        for (Prediction p : report.predictions()) {
            List<String> cells = new ArrayList<>(List.of(p.file(), Float.toString((float) p.imageScore())));
            if (p.verdict() != null) {
                Prediction.Box b = p.largestDefect();
                cells.addAll(List.of(Double.isNaN(p.normalised()) ? "" : format(p.normalised()), p.verdict(),
                        Long.toString(p.defectPixels()), format(p.defectPercent())));
                cells.addAll(b == null ? List.of("", "", "", "")
                        : List.of(Integer.toString(b.x()), Integer.toString(b.y()), Integer.toString(b.width()),
                                Integer.toString(b.height())));
            }
            while (cells.size() < HEADER.size()) {
                cells.add("");
            }
            RunComparison.csvLine(csv, cells);
        }
        Files.writeString(report.outDir().resolve(PredictionReport.CSV), csv, StandardCharsets.UTF_8);
        JsonObject json = new JsonObject();
        json.addProperty("run", runDir.toString());
        json.addProperty("imageScore", "the maximum of the image's pixel scores");
        json.addProperty("size", size);
        json.add("thresholds", PredictionJson.thresholds(report.thresholds()));
        JsonArray rows = new JsonArray();
        report.predictions().forEach(p -> rows.add(PredictionJson.row(p)));
        json.add("predictions", rows);
        JsonArray skipped = new JsonArray();
        report.skipped().forEach(skipped::add);
        json.add("skipped", skipped);
        Files.writeString(report.outDir().resolve(PredictionReport.JSON),
                new GsonBuilder().setPrettyPrinting().serializeNulls().disableHtmlEscaping().create().toJson(json), StandardCharsets.UTF_8);
    }

    private static String format(double value) {
        return String.format(Locale.ROOT, "%.4f", value);
    }
}

package org.dhad.engine;

import com.google.gson.JsonNull;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import org.dhad.results.DecisionThresholds;

/** The JSON of one prediction and of the thresholds that decided it: {@code predictions.json} and {@code dhad serve}. */
public final class PredictionJson {

    private PredictionJson() {
    }

    /** One row of {@code predictions.json}: fields without a value (no thresholds, no defect) are null or absent. */
    public static JsonObject row(Prediction p) {
        JsonObject row = new JsonObject();
        row.addProperty("file", p.file());
        row.addProperty("name", p.name());
        row.addProperty("imageScore", (float) p.imageScore());
        row.addProperty("normalisedScore", Double.isNaN(p.normalised()) ? null : p.normalised());
        row.addProperty("verdict", p.verdict());
        if (p.verdict() != null) {
            row.addProperty("defectPixels", p.defectPixels());
            row.addProperty("defectPercent", p.defectPercent());
            Prediction.Box b = p.largestDefect();
            if (b != null) {
                JsonObject box = new JsonObject();
                box.addProperty("x", b.x());
                box.addProperty("y", b.y());
                box.addProperty("width", b.width());
                box.addProperty("height", b.height());
                row.add("largestDefect", box);
            }
        }
        return row;
    }

    /** The thresholds' category, choice and image and pixel values; JSON null when there are none. */
    public static JsonElement thresholds(DecisionThresholds t) {
        if (t == null) {
            return JsonNull.INSTANCE;
        }
        JsonObject thresholds = new JsonObject();
        thresholds.addProperty("category", t.category());
        thresholds.addProperty("choice", t.choice());
        thresholds.addProperty("image", t.image());
        thresholds.addProperty("pixel", t.pixel());
        return thresholds;
    }
}

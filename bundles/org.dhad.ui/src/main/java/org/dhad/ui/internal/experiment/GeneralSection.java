package org.dhad.ui.internal.experiment;

import java.util.Arrays;
import java.util.List;

import org.dhad.api.training.FreezePolicy;
import org.dhad.experiment.ScoreKind;
import org.dhad.model.ExperimentDocument;
import org.eclipse.swt.widgets.Composite;

/** The experiment's own fields: name, description, seed, freeze policy, score, weights and categories. */
final class GeneralSection {

    private GeneralSection() {
    }

    static void create(Composite parent, EditSession session) {
        ExperimentDocument doc = session.document();
        FormRows rows = FormRows.group(parent, "Experiment");
        rows.text("name", "Name", doc.getName(), "Names the run folder: <workspace>/runs/<name>/<timestamp>",
                v -> session.edit("name", () -> doc.setName(v)));
        rows.text("description", "Description", doc.getDescription(), "Free text for people",
                v -> session.edit("description", () -> doc.setDescription(v)));
        rows.text("seed", "Seed", Long.toString(doc.getSeed()),
                "Seed of every random choice: the same seed gives the same losses on CPU",
                v -> session.editLong("seed", v, doc::setSeed));
        rows.combo("freezePolicy", "Freeze", names(FreezePolicy.values()), doc.getFreezePolicy().name(),
                "Parameter groups kept fixed during training: ALL, BACKBONE or NONE",
                v -> session.edit("freezePolicy", () -> doc.setFreezePolicy(FreezePolicy.valueOf(v))));
        rows.combo("score", "Score", names(ScoreKind.values()), doc.getScore().name(),
                "Per-pixel anomaly score at inference: HYBRID (the method), ENERGY or POSTERIOR (ablations)",
                v -> session.edit("score", () -> doc.setScore(ScoreKind.valueOf(v))));
        rows.path("weights", "Pretrained weights", doc.getWeights(),
                "Weights file for the backbone; empty for random initialisation", true,
                v -> session.edit("weights", () -> doc.setWeights(v)));
        rows.text("categories", "Categories", String.join(",", doc.getCategories()),
                "Comma-separated dataset categories; empty means all the dataset has",
                v -> session.edit("categories", () -> doc.setCategories(split(v))));
    }

    static List<String> names(Enum<?>[] values) {
        return Arrays.stream(values).map(Enum::name).toList();
    }

    private static List<String> split(String text) {
        return Arrays.stream(text.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}

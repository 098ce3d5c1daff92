package org.dhad.results;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a run trained, as its {@code experiment.json} says: the columns that tell runs apart in a comparison.
 *
 * @param name        experiment name
 * @param backbone    backbone provider id
 * @param dataset     dataset provider id
 * @param categories  categories asked for (empty: all the dataset has)
 * @param negatives   negative-source provider id
 * @param pasteMode   how negatives are pasted ({@code MASK} or {@code RECTANGLE})
 * @param lossWeights loss term id to weight, in experiment order
 * @param freeze      freeze policy name
 * @param epochs      epochs scheduled
 * @param seed        seed
 * @param values      every value of the resolved experiment by its dotted path in the file
 *                    ({@code backbone.settings.file}, {@code weights}, {@code schedule.learningRate}), as text, in
 *                    file order: what {@link SettingDifference} compares
 */
public record RunConfiguration(String name, String backbone, String dataset, List<String> categories,
        String negatives, String pasteMode, Map<String, Double> lossWeights, String freeze, int epochs, long seed,
        Map<String, String> values) {

    public RunConfiguration {
        categories = List.copyOf(categories);
        lossWeights = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(lossWeights));
        values = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(values));
    }

    /**
     * The backbone with the settings the experiment gives it and its weights file, paths by file name as the
     * comparison shows them: {@code torchscript (file mobilenet_v1_imagenet_features.pt, feature-channels 512)}.
     */
    public String backboneDescription() {
        List<String> parts = new java.util.ArrayList<>();
        String prefix = "backbone.settings.";
        values.forEach((key, value) -> {
            if (key.startsWith(prefix)) {
                parts.add(key.substring(prefix.length()) + " " + SettingDifference.shown(List.of(value)).get(0));
            }
        });
        if (values.containsKey("weights")) {
            parts.add("weights " + SettingDifference.shown(List.of(values.get("weights"))).get(0));
        }
        return parts.isEmpty() ? backbone : backbone + " (" + String.join(", ", parts) + ")";
    }

    /**
     * Experiment values {@link #shortSummary()} shows: a table that has it need not list them again as
     * differences.
     */
    public static final List<String> SHORT_SUMMARY_KEYS =
            List.of("backbone.id", "backbone.settings.file", "weights", "freeze", "paste.mode", "seed");

    /**
     * The run's configuration in one short cell, in the comparison's words (its freeze and patches cells, files
     * by name): {@code torchscript mobilenet_v1_imagenet_features.pt, freeze All, patches Mask, seed 7}. What
     * {@code dhad runs} and the workbench's navigator show beside each run, so runs of one experiment can be
     * told apart without opening them.
     */
    public String shortSummary() {
        // an experiment.json written by hand may lack any of them: leave out what it does not say
        List<String> backboneAndFiles = new ArrayList<>();
        if (!backbone.isBlank()) {
            backboneAndFiles.add(backbone);
        }
        for (String key : List.of("backbone.settings.file", "weights")) {
            String file = values.get(key);
            if (file != null && !file.isBlank()) {
                backboneAndFiles.add(SettingDifference.fileName(file));
            }
        }
        List<String> parts = new ArrayList<>();
        if (!backboneAndFiles.isEmpty()) {
            parts.add(String.join(" ", backboneAndFiles));
        }
        if (!freeze.isEmpty()) {
            parts.add("freeze " + capitalised(freeze));
        }
        if (!pasteMode.isEmpty()) {
            parts.add("patches " + capitalised(pasteMode));
        }
        if (values.containsKey("seed")) {
            parts.add("seed " + seed);
        }
        return String.join(", ", parts);
    }

    /** An enum name as the comparison's cells show it: {@code BACKBONE} → {@code Backbone}. */
    static String capitalised(String name) {
        return name == null || name.isEmpty() ? "" : name.charAt(0) + name.substring(1).toLowerCase(Locale.ROOT);
    }

    /** Loss terms with their weights, as {@code inlier-posterior×1 + outlier-energy×0.03}. */
    public String lossSummary() {
        StringBuilder out = new StringBuilder();
        lossWeights.forEach((id, weight) -> {
            if (out.length() > 0) {
                out.append(" + ");
            }
            out.append(id).append('×').append(weight % 1 == 0 ? String.valueOf(weight.longValue()) : weight);
        });
        return out.toString();
    }
}

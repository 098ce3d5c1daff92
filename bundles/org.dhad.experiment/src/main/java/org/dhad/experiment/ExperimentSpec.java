package org.dhad.experiment;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.dhad.api.training.FreezePolicy;

/**
 * Everything an experiment asks for, resolved to provider ids and plain values. The experiment model
 * (XMI) converts to this and the engine runs it; {@link #problems()} is the one check of its values, used by
 * the experiment file, the workbench, the CLI and the engine alike (the engine adds what only it can see:
 * installed providers, their settings, the files). Written to each run folder as {@code experiment.json}
 * ({@link ExperimentJson}).
 *
 * @param name        experiment name, used for the run folder
 * @param backbone    network provider and settings
 * @param weights     pretrained weights file, or {@code null} for random initialisation
 * @param dataset     anomaly dataset provider and settings
 * @param categories  categories to use; empty means all the dataset has
 * @param negatives   negative source provider and settings
 * @param paste       how negatives are pasted
 * @param lossWeights loss-term ids with their weights, in order
 * @param freeze      which parameter groups stay fixed
 * @param schedule    optimisation schedule
 * @param seed        seed of every random choice (same seed, same losses on CPU)
 * @param metrics     metric ids to evaluate
 * @param score       the per-pixel score computed at inference
 * @param segmentation a labelled segmentation source (a negative source with class labels) whose batches are
 *                     mixed in for the {@code segmentation-ce} term ({@link Schedule#segmentationEvery()}), or
 *                     {@code null} for none
 */
public record ExperimentSpec(String name, PluginChoice backbone, Path weights, PluginChoice dataset,
        List<String> categories, PluginChoice negatives, PasteSpec paste, Map<String, Double> lossWeights,
        FreezePolicy freeze, Schedule schedule, long seed, List<String> metrics, ScoreKind score,
        PluginChoice segmentation) {

    /** An experiment without a segmentation source. */
    public ExperimentSpec(String name, PluginChoice backbone, Path weights, PluginChoice dataset,
            List<String> categories, PluginChoice negatives, PasteSpec paste, Map<String, Double> lossWeights,
            FreezePolicy freeze, Schedule schedule, long seed, List<String> metrics, ScoreKind score) {
        this(name, backbone, weights, dataset, categories, negatives, paste, lossWeights, freeze, schedule, seed,
                metrics, score, null);
    }

    public ExperimentSpec {
        // an experiment.json written by hand may lack them
        categories = categories == null ? List.of() : List.copyOf(categories);
        lossWeights = Collections.unmodifiableMap(lossWeights == null ? new LinkedHashMap<>()
                : new LinkedHashMap<>(lossWeights));
        metrics = metrics == null ? List.of() : List.copyOf(metrics);
    }

    /** The same experiment with another schedule (another device, epochs, ...), for one run. */
    public ExperimentSpec withSchedule(Schedule other) {
        return new ExperimentSpec(name, backbone, weights, dataset, categories, negatives, paste, lossWeights, freeze,
                other, seed, metrics, score, segmentation);
    }

    /** The same experiment with another segmentation source ({@code null} for none). */
    public ExperimentSpec withSegmentation(PluginChoice other) {
        return new ExperimentSpec(name, backbone, weights, dataset, categories, negatives, paste, lossWeights, freeze,
                schedule, seed, metrics, score, other);
    }

    /** The suffix of a pretraining experiment's name: its runs sit beside the experiment's own. */
    public static final String PRETRAIN_SUFFIX = "-pretrain";

    /**
     * This experiment as segmentation pretraining ({@code dhad pretrain}): its network trained on its segmentation
     * source alone with {@code segmentation-ce}, the feature extractor frozen (freeze {@code BACKBONE}) unless the
     * experiment trains every layer, same schedule and seed. A run of it ends by writing {@code weights.params},
     * which this experiment's {@code weights} field then loads.
     */
    public ExperimentSpec forPretraining() {
        return new ExperimentSpec(name + PRETRAIN_SUFFIX, backbone, weights, dataset, categories, negatives, paste,
                Map.of(LossPreset.SEGMENTATION_CE, 1.0), freeze == FreezePolicy.NONE ? FreezePolicy.NONE
                        : FreezePolicy.BACKBONE, schedule, seed, metrics, score, segmentation);
    }

    /** Whether the experiment names a segmentation source. */
    public boolean hasSegmentation() {
        return segmentation != null && !segmentation.id().isBlank();
    }

    /** What a name must be, since it names the run folder. */
    public static final String NAME_RULE = "letters, digits, '.', '_' or '-' (it names the run folder)";

    /**
     * Every value that is not allowed, each starting with its field path as in the experiment file
     * ({@code schedule.epochs: 0 is not allowed; expected an integer in [1, 100000]}). Empty when valid.
     * Whether ids name installed providers, and whether files exist, is the engine's part.
     */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (name == null || name.isBlank()) {
            problems.add("name: missing; expected " + NAME_RULE);
        } else if (!name.matches("[A-Za-z0-9._-]+")) {
            problems.add("name: '" + name + "' is not allowed; expected " + NAME_RULE);
        }
        if (freeze == null) {
            problems.add("freezePolicy: missing; expected one of "
                    + String.join(", ", ExperimentSection.names(FreezePolicy.class)));
        }
        if (score == null) {
            problems.add("score: missing; expected one of "
                    + String.join(", ", ExperimentSection.names(ScoreKind.class)));
        }
        provider("backbone", backbone, problems);
        provider("dataset", dataset, problems);
        ids("categories", categories, false, problems);
        provider("negatives", negatives, problems);
        if (paste == null) {
            problems.add("paste: missing; expected a <paste> element");
        } else {
            problems.addAll(paste.problems());
        }
        lossWeights(problems);
        if (schedule == null) {
            problems.add("schedule: missing; expected a <schedule> element");
        } else {
            problems.addAll(schedule.problems());
        }
        ids("metrics", metrics, true, problems);
        return problems;
    }

    private static void provider(String field, PluginChoice choice, List<String> problems) {
        if (choice == null || choice.id().isBlank()) {
            problems.add(field + ": missing; expected the id of an installed provider in <" + field + " id=\"...\">");
        }
    }

    private void lossWeights(List<String> problems) {
        if (lossWeights.isEmpty()) {
            problems.add("lossTerms: at least one term is required; expected e.g. <lossTerms id=\"inlier-posterior\""
                    + " weight=\"1.0\"/>");
            return;
        }
        lossWeights.forEach((id, weight) -> {
            if (weight == null || !Double.isFinite(weight) || weight < 0) {
                problems.add("lossTerms[" + id + "].weight: " + weight + " is not allowed; expected a finite number >= 0");
            }
        });
        if (lossWeights.values().stream().allMatch(w -> w != null && w == 0)) {
            problems.add("lossTerms: every weight is 0; expected at least one positive weight");
        }
    }

    private static void ids(String field, List<String> values, boolean required, List<String> problems) {
        if (required && values.isEmpty()) {
            problems.add(field + ": at least one id is required");
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < values.size(); i++) {
            String value = values.get(i);
            if (value == null || value.isBlank()) {
                problems.add(field + "[" + i + "]: empty; expected an id");
            } else if (!seen.add(value)) {
                problems.add(field + "[" + i + "]: '" + value + "' is listed twice; expected each once");
            }
        }
    }
}

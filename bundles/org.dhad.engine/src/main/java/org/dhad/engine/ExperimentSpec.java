package org.dhad.engine;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.dhad.api.training.FreezePolicy;

/**
 * Everything an experiment asks for, resolved to provider ids and plain values. The experiment model
 * (XMI) converts to this; the engine validates it against the installed providers before it runs.
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
 */
public record ExperimentSpec(String name, PluginChoice backbone, Path weights, PluginChoice dataset,
        List<String> categories, PluginChoice negatives, PasteSpec paste, Map<String, Double> lossWeights,
        FreezePolicy freeze, Schedule schedule, long seed, List<String> metrics, ScoreKind score) {

    public ExperimentSpec {
        categories = List.copyOf(categories);
        lossWeights = Collections.unmodifiableMap(new LinkedHashMap<>(lossWeights));
        metrics = List.copyOf(metrics);
    }
}

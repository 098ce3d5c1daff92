package org.dhad.engine.internal;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.dhad.api.PluginException;
import org.dhad.api.Provider;
import org.dhad.api.Settings;
import org.dhad.api.backbone.Backbone;
import org.dhad.api.data.AnomalyDataset;
import org.dhad.api.data.DatasetContent;
import org.dhad.api.data.NegativeSampler;
import org.dhad.api.data.NegativeSource;
import org.dhad.api.data.Split;
import org.dhad.api.loss.LossTerm;
import org.dhad.api.metric.Metric;
import org.dhad.api.registry.PluginRegistry;
import org.dhad.engine.ExperimentSpec;
import org.dhad.engine.PasteSpec;
import org.dhad.engine.PluginChoice;
import org.dhad.engine.Schedule;

/**
 * Checks an experiment against the installed providers and opens its data, collecting every problem
 * instead of stopping at the first.
 */
final class ExperimentResolver {

    /** The problems found, and the resolved experiment when there were none. */
    record Resolution(List<String> problems, ResolvedExperiment resolved) {
    }

    private final PluginRegistry registry;

    ExperimentResolver(PluginRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    /**
     * @param openNegatives whether to open the negative source (training needs it, evaluation does not)
     */
    Resolution resolve(ExperimentSpec spec, boolean openNegatives) {
        List<String> problems = new ArrayList<>();
        if (spec.name() == null || spec.name().isBlank() || !spec.name().matches("[A-Za-z0-9._-]+")) {
            problems.add("name '" + spec.name() + "' must be non-empty letters, digits, '.', '_' or '-' "
                    + "(it names the run folder)");
        }
        Backbone backbone = provider(Backbone.class, "backbone", spec.backbone(), problems);
        Settings backboneSettings = settings(backbone, spec.backbone(), problems);
        AnomalyDataset dataset = provider(AnomalyDataset.class, "dataset", spec.dataset(), problems);
        Settings datasetSettings = settings(dataset, spec.dataset(), problems);
        NegativeSource source = provider(NegativeSource.class, "negatives", spec.negatives(), problems);
        Settings sourceSettings = settings(source, spec.negatives(), problems);
        List<WeightedLoss.Term> terms = terms(spec.lossWeights(), problems);
        List<Metric> metrics = new ArrayList<>();
        for (String id : spec.metrics()) {
            Metric metric = provider(Metric.class, "metric", PluginChoice.of(id), problems);
            if (metric != null) {
                metrics.add(metric);
            }
        }
        if (spec.metrics().isEmpty()) {
            problems.add("metrics: none listed; expected at least one metric id such as pixel-auroc");
        }
        checkSchedule(spec.schedule(), problems);
        checkPaste(spec.paste(), problems);
        if (spec.freeze() == null) {
            problems.add("freeze policy missing; expected ALL, BACKBONE or NONE");
        }
        if (spec.score() == null) {
            problems.add("score missing; expected HYBRID, ENERGY or POSTERIOR");
        }
        if (spec.weights() != null && !Files.isRegularFile(spec.weights())) {
            problems.add("weights file " + spec.weights() + " does not exist or is not a file");
        }
        DatasetContent content = null;
        List<String> categories = List.of();
        if (dataset != null && datasetSettings != null) {
            try {
                content = dataset.open(datasetSettings);
                categories = categories(spec, content, problems);
            } catch (PluginException | RuntimeException e) {
                problems.add("dataset '" + dataset.id() + "' does not open: " + e.getMessage());
            }
        }
        NegativeSampler sampler = null;
        if (openNegatives && source != null && sourceSettings != null) {
            try {
                sampler = source.open(sourceSettings);
            } catch (PluginException | RuntimeException e) {
                problems.add("negatives '" + source.id() + "' do not open: " + e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            return new Resolution(List.copyOf(problems), null);
        }
        return new Resolution(List.of(), new ResolvedExperiment(spec, backbone, backboneSettings, content,
                categories, sampler, new WeightedLoss(terms), metrics));
    }

    private <T extends Provider> T provider(Class<T> type, String role, PluginChoice choice, List<String> problems) {
        if (choice == null) {
            problems.add(role + ": no provider chosen");
            return null;
        }
        try {
            return registry.get(type, choice.id());
        } catch (PluginException e) {
            problems.add(role + ": " + e.getMessage());
            return null;
        }
    }

    private static Settings settings(Provider provider, PluginChoice choice, List<String> problems) {
        if (provider == null) {
            return null;
        }
        Settings settings = new Settings(provider.id(), provider.settings(), choice.settings());
        List<String> found = settings.validate();
        problems.addAll(found);
        return found.isEmpty() ? settings : null;
    }

    private List<WeightedLoss.Term> terms(Map<String, Double> weights, List<String> problems) {
        List<WeightedLoss.Term> terms = new ArrayList<>();
        if (weights.isEmpty()) {
            problems.add("loss: no terms listed; expected at least one loss-term id with a weight");
        }
        for (Map.Entry<String, Double> entry : weights.entrySet()) {
            LossTerm term = provider(LossTerm.class, "loss", PluginChoice.of(entry.getKey()), problems);
            Double weight = entry.getValue();
            if (weight == null || !Double.isFinite(weight) || weight < 0) {
                problems.add("loss: weight of '" + entry.getKey() + "' is " + weight
                        + "; expected a finite number >= 0");
            } else if (term != null && term.needsClassLabels()) {
                problems.add("loss: term '" + term.id() + "' needs class labels, which anomaly datasets do not "
                        + "provide; remove it or give it no weight");
            } else if (term != null) {
                terms.add(new WeightedLoss.Term(term, weight));
            }
        }
        if (!weights.isEmpty() && weights.values().stream().allMatch(w -> w != null && w == 0)) {
            problems.add("loss: every weight is 0; expected at least one positive weight");
        }
        return terms;
    }

    private static List<String> categories(ExperimentSpec spec, DatasetContent content, List<String> problems) {
        List<String> chosen = spec.categories().isEmpty() ? content.categories() : spec.categories();
        if (chosen.isEmpty()) {
            problems.add("dataset '" + spec.dataset().id() + "' has no categories");
        }
        for (String category : chosen) {
            if (!content.categories().contains(category)) {
                problems.add("category '" + category + "' is not in dataset '" + spec.dataset().id()
                        + "'; it has " + String.join(", ", content.categories()));
            } else if (content.samples(category, Split.TRAIN).isEmpty()) {
                problems.add("category '" + category + "' of dataset '" + spec.dataset().id()
                        + "' has no training images");
            }
        }
        return List.copyOf(chosen);
    }

    private static void checkSchedule(Schedule s, List<String> problems) {
        if (s == null) {
            problems.add("schedule missing");
            return;
        }
        range(problems, "schedule.epochs", s.epochs(), 1, 100_000);
        range(problems, "schedule.batchSize", s.batchSize(), 1, 4096);
        range(problems, "schedule.inputSize", s.inputSize(), 16, 8192);
        range(problems, "schedule.loaderThreads", s.loaderThreads(), 1, 256);
        if (!(s.learningRate() > 0) || !Double.isFinite(s.learningRate())) {
            problems.add("schedule.learningRate is " + s.learningRate() + "; expected a finite number > 0");
        }
        if (!(s.backboneLrFactor() >= 0) || !Double.isFinite(s.backboneLrFactor())) {
            problems.add("schedule.backboneLrFactor is " + s.backboneLrFactor() + "; expected a finite number >= 0");
        }
        if (!(s.minLearningRate() >= 0) || !(s.minLearningRate() <= s.learningRate())) {
            problems.add("schedule.minLearningRate is " + s.minLearningRate() + "; expected a number in [0, "
                    + s.learningRate() + "] (at most the learning rate)");
        }
    }

    private static void checkPaste(PasteSpec p, List<String> problems) {
        if (p == null) {
            problems.add("paste missing");
            return;
        }
        if (p.mode() == null) {
            problems.add("paste.mode missing; expected MASK or RECTANGLE");
        }
        range(problems, "paste.count", p.count(), 0, 1000);
        range(problems, "paste.rectangleStep", p.rectangleStep(), 1, 4096);
        if (!(p.probability() >= 0 && p.probability() <= 1)) {
            problems.add("paste.probability is " + p.probability() + "; expected a number in [0, 1]");
        }
        if (!(p.minScale() > 0 && p.minScale() <= p.maxScale() && p.maxScale() <= 1)) {
            problems.add("paste.minScale " + p.minScale() + " and maxScale " + p.maxScale()
                    + " must satisfy 0 < minScale <= maxScale <= 1");
        }
    }

    private static void range(List<String> problems, String field, int value, int min, int max) {
        if (value < min || value > max) {
            problems.add(field + " is " + value + "; expected an integer in [" + min + ", " + max + "]");
        }
    }
}

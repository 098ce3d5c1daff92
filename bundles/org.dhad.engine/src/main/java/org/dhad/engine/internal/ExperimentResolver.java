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
import org.dhad.api.data.DecodedCache;
import org.dhad.api.data.LabelledImages;
import org.dhad.api.data.NegativeSampler;
import org.dhad.api.data.NegativeSource;
import org.dhad.api.data.Split;
import org.dhad.api.loss.LossTerm;
import org.dhad.api.metric.Metric;
import org.dhad.api.registry.PluginRegistry;
import org.dhad.experiment.ExperimentSpec;
import org.dhad.experiment.PluginChoice;

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
        return resolve(spec, openNegatives, DecodedCache.NONE);
    }

    /**
     * @param openNegatives whether to open the negative source (training needs it, evaluation does not)
     * @param decoded       the disk tier the negative source may keep decoded shapes in
     */
    Resolution resolve(ExperimentSpec spec, boolean openNegatives, DecodedCache decoded) {
        // the experiment's own values first, checked as the experiment file and the workbench check them
        List<String> problems = new ArrayList<>(spec.problems());
        Backbone backbone = provider(Backbone.class, "backbone", spec.backbone(), problems);
        Settings backboneSettings = settings(backbone, spec.backbone(), problems);
        AnomalyDataset dataset = provider(AnomalyDataset.class, "dataset", spec.dataset(), problems);
        Settings datasetSettings = settings(dataset, spec.dataset(), problems);
        NegativeSource source = provider(NegativeSource.class, "negatives", spec.negatives(), problems);
        Settings sourceSettings = settings(source, spec.negatives(), problems);
        NegativeSource segmentation = spec.hasSegmentation()
                ? provider(NegativeSource.class, "segmentation", spec.segmentation(), problems) : null;
        Settings segmentationSettings = settings(segmentation, spec.segmentation(), problems);
        if (segmentation != null && !segmentation.providesClassLabels()) {
            problems.add("segmentation: '" + segmentation.id() + "' has no class labels; expected a source of "
                    + "images with class-index masks such as 'segmentation'");
            segmentationSettings = null;
        }
        List<WeightedLoss.Term> terms = terms(spec.lossWeights(), spec.hasSegmentation(), problems);
        List<Metric> metrics = new ArrayList<>();
        for (String id : spec.metrics()) {
            Metric metric = provider(Metric.class, "metric", PluginChoice.of(id), problems);
            if (metric != null) {
                metrics.add(metric);
            }
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
                sampler = source.open(sourceSettings, decoded);
            } catch (PluginException | RuntimeException e) {
                problems.add("negatives '" + source.id() + "' do not open: " + e.getMessage());
            }
        }
        LabelledImages labelled = null;
        if (openNegatives && segmentationSettings != null) {
            try {
                labelled = segmentation.openLabelled(segmentationSettings);
            } catch (PluginException | RuntimeException e) {
                problems.add("segmentation '" + segmentation.id() + "' does not open: " + e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            return new Resolution(List.copyOf(problems), null);
        }
        return new Resolution(List.of(), new ResolvedExperiment(spec, backbone, backboneSettings, content,
                categories, sampler, new WeightedLoss(terms), metrics, labelled));
    }

    private <T extends Provider> T provider(Class<T> type, String role, PluginChoice choice, List<String> problems) {
        if (choice == null || choice.id().isBlank()) {
            return null; // reported by ExperimentSpec.problems()
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

    private List<WeightedLoss.Term> terms(Map<String, Double> weights, boolean labelled, List<String> problems) {
        List<WeightedLoss.Term> terms = new ArrayList<>();
        for (Map.Entry<String, Double> entry : weights.entrySet()) {
            LossTerm term = provider(LossTerm.class, "loss", PluginChoice.of(entry.getKey()), problems);
            Double weight = entry.getValue();
            if (weight == null || !Double.isFinite(weight) || weight < 0) {
                continue; // reported by ExperimentSpec.problems()
            } else if (term != null && term.needsClassLabels() && !labelled) {
                problems.add("loss: term '" + term.id() + "' needs class labels, which anomaly datasets do not "
                        + "provide; add a <segmentation> source of labelled images (experiments new --set "
                        + "segmentation.root=PATH, or the editor's Segmentation section) or remove the term");
            } else if (term != null) {
                terms.add(new WeightedLoss.Term(term, weight));
            }
        }
        boolean labelTerm = terms.stream().anyMatch(t -> t.term().needsClassLabels());
        if (labelled && !labelTerm && problems.isEmpty()) {
            problems.add("segmentation: a segmentation source is set but no loss term uses class labels; expected "
                    + "the term 'segmentation-ce' in <lossTerms>, or no segmentation source");
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
}

package org.dhad.engine.internal;

import java.util.List;

import org.dhad.api.Settings;
import org.dhad.api.backbone.Backbone;
import org.dhad.api.data.DatasetContent;
import org.dhad.api.data.LabelledImages;
import org.dhad.api.data.NegativeSampler;
import org.dhad.api.metric.Metric;
import org.dhad.experiment.ExperimentSpec;

/**
 * An experiment whose providers were found and whose data opened.
 *
 * @param spec             the experiment
 * @param backbone         the network provider
 * @param backboneSettings its settings
 * @param data             the opened dataset
 * @param categories       the categories used (the spec's, or all the dataset has)
 * @param negatives        the opened negative source
 * @param loss             the weighted sum of the loss terms, in experiment order
 * @param metrics          metrics in experiment order
 * @param segmentation     the opened labelled segmentation source whose batches are mixed in, or {@code null}
 */
record ResolvedExperiment(ExperimentSpec spec, Backbone backbone, Settings backboneSettings, DatasetContent data,
        List<String> categories, NegativeSampler negatives, WeightedLoss loss, List<Metric> metrics,
        LabelledImages segmentation) {
}

package org.dhad.model;

/** The places of an experiment that name a provider by id and give it settings. */
public enum PluginSlot {
    /** The segmentation network ({@code org.dhad.api.backbone.Backbone}). */
    BACKBONE("backbone"),
    /** The anomaly dataset ({@code org.dhad.api.data.AnomalyDataset}). */
    DATASET("dataset"),
    /** The source of negatives pasted as simulated outliers ({@code org.dhad.api.data.NegativeSource}). */
    NEGATIVES("negatives"),
    /**
     * Optional: a labelled segmentation source (a {@code NegativeSource} with class labels) whose batches are
     * mixed into training for the {@code segmentation-ce} term.
     */
    SEGMENTATION("segmentation", true);

    private final String field;
    private final boolean optional;

    PluginSlot(String field) {
        this(field, false);
    }

    PluginSlot(String field, boolean optional) {
        this.field = field;
        this.optional = optional;
    }

    /** Whether an experiment may leave this slot without a provider. */
    public boolean optional() {
        return optional;
    }

    /** The field name in experiment files and validation messages. */
    public String field() {
        return field;
    }
}

package org.dhad.model;

/** The three places of an experiment that name a provider by id and give it settings. */
public enum PluginSlot {
    /** The segmentation network ({@code org.dhad.api.backbone.Backbone}). */
    BACKBONE("backbone"),
    /** The anomaly dataset ({@code org.dhad.api.data.AnomalyDataset}). */
    DATASET("dataset"),
    /** The source of negatives pasted as simulated outliers ({@code org.dhad.api.data.NegativeSource}). */
    NEGATIVES("negatives");

    private final String field;

    PluginSlot(String field) {
        this.field = field;
    }

    /** The field name in experiment files and validation messages. */
    public String field() {
        return field;
    }
}

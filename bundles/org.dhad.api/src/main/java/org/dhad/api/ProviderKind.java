package org.dhad.api;

import org.dhad.api.backbone.Backbone;
import org.dhad.api.data.AnomalyDataset;
import org.dhad.api.data.NegativeSource;
import org.dhad.api.loss.LossTerm;
import org.dhad.api.metric.Metric;

/** The five extension points, with the service interface each provider is registered under. */
public enum ProviderKind {
    BACKBONE("backbone", Backbone.class),
    ANOMALY_DATASET("dataset", AnomalyDataset.class),
    NEGATIVE_SOURCE("negatives", NegativeSource.class),
    LOSS_TERM("loss", LossTerm.class),
    METRIC("metric", Metric.class);

    private final String label;
    private final Class<? extends Provider> serviceType;

    ProviderKind(String label, Class<? extends Provider> serviceType) {
        this.label = label;
        this.serviceType = serviceType;
    }

    /** The short word used for this kind in tables and on the command line. */
    public String label() {
        return label;
    }

    /** The interface providers of this kind are registered under. */
    public Class<? extends Provider> serviceType() {
        return serviceType;
    }

    /** The kind whose {@link #label()} is {@code label}, for command-line parsing. */
    public static ProviderKind fromLabel(String label) {
        for (ProviderKind kind : values()) {
            if (kind.label.equals(label)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("Unknown plugin kind '" + label + "'; expected one of "
                + java.util.Arrays.stream(values()).map(ProviderKind::label).toList());
    }
}

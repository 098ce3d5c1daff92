package org.dhad.api;

/**
 * The five extension points, with the service interface each provider is registered under.
 * <p>
 * Interfaces are named by their fully qualified name, which is what OSGi puts in a service's
 * {@code objectClass}: two of them ({@code Backbone}, {@code LossTerm}) live in the bundle
 * {@code org.dhad.api.tensor}, which this bundle cannot see.
 */
public enum ProviderKind {
    BACKBONE("backbone", "org.dhad.api.backbone.Backbone"),
    ANOMALY_DATASET("dataset", "org.dhad.api.data.AnomalyDataset"),
    NEGATIVE_SOURCE("negatives", "org.dhad.api.data.NegativeSource"),
    LOSS_TERM("loss", "org.dhad.api.loss.LossTerm"),
    METRIC("metric", "org.dhad.api.metric.Metric");

    private final String label;
    private final String serviceName;

    ProviderKind(String label, String serviceName) {
        this.label = label;
        this.serviceName = serviceName;
    }

    /** The short word used for this kind in tables and on the command line. */
    public String label() {
        return label;
    }

    /** The fully qualified name of the interface providers of this kind are registered under (their objectClass). */
    public String serviceName() {
        return serviceName;
    }

    /** The simple name of {@link #serviceName()}, for messages. */
    public String serviceSimpleName() {
        return serviceName.substring(serviceName.lastIndexOf('.') + 1);
    }

    /** The kind whose service interface is {@code type}. */
    public static ProviderKind of(Class<?> type) {
        for (ProviderKind kind : values()) {
            if (kind.serviceName.equals(type.getName())) {
                return kind;
            }
        }
        throw new IllegalArgumentException(type.getName() + " is not a provider interface; expected one of "
                + java.util.Arrays.stream(values()).map(ProviderKind::serviceSimpleName).toList());
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

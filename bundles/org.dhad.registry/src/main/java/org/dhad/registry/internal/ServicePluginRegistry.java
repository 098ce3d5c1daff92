package org.dhad.registry.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import org.dhad.api.PluginException;
import org.dhad.api.Provider;
import org.dhad.api.ProviderKind;
import org.dhad.api.backbone.Backbone;
import org.dhad.api.data.AnomalyDataset;
import org.dhad.api.data.NegativeSource;
import org.dhad.api.loss.LossTerm;
import org.dhad.api.metric.Metric;
import org.dhad.api.registry.PluginConflict;
import org.dhad.api.registry.PluginDescriptor;
import org.dhad.api.registry.PluginRegistry;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tracks the providers of all five kinds through dynamic multiple references, so bundles started or
 * stopped while the framework runs are seen at once. Registrations are keyed by service reference:
 * two providers with one id both stay known and are reported as a conflict instead of one shadowing
 * the other.
 */
@Component(service = PluginRegistry.class)
public final class ServicePluginRegistry implements PluginRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(ServicePluginRegistry.class);

    private static final Comparator<PluginDescriptor> ORDER = Comparator.comparing(PluginDescriptor::kind)
            .thenComparing(PluginDescriptor::id).thenComparing(PluginDescriptor::bundle);

    /** One live registration. */
    private record Registration(PluginDescriptor descriptor, Provider provider) {
    }

    private final Map<ServiceReference<?>, Registration> registrations = new ConcurrentHashMap<>();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addBackbone(Backbone provider, ServiceReference<Backbone> reference) {
        add(ProviderKind.BACKBONE, provider, reference);
    }

    void removeBackbone(ServiceReference<Backbone> reference) {
        remove(reference);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addDataset(AnomalyDataset provider, ServiceReference<AnomalyDataset> reference) {
        add(ProviderKind.ANOMALY_DATASET, provider, reference);
    }

    void removeDataset(ServiceReference<AnomalyDataset> reference) {
        remove(reference);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addNegativeSource(NegativeSource provider, ServiceReference<NegativeSource> reference) {
        add(ProviderKind.NEGATIVE_SOURCE, provider, reference);
    }

    void removeNegativeSource(ServiceReference<NegativeSource> reference) {
        remove(reference);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addLossTerm(LossTerm provider, ServiceReference<LossTerm> reference) {
        add(ProviderKind.LOSS_TERM, provider, reference);
    }

    void removeLossTerm(ServiceReference<LossTerm> reference) {
        remove(reference);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addMetric(Metric provider, ServiceReference<Metric> reference) {
        add(ProviderKind.METRIC, provider, reference);
    }

    void removeMetric(ServiceReference<Metric> reference) {
        remove(reference);
    }

    private void add(ProviderKind kind, Provider provider, ServiceReference<?> reference) {
        Bundle bundle = reference.getBundle();
        Object idProperty = reference.getProperty(Provider.ID_PROPERTY);
        String bundleName = bundle == null ? "?" : bundle.getSymbolicName();
        if (!(idProperty instanceof String id) || id.isBlank()) {
            LOG.warn("Ignoring a {} provider from bundle '{}': it has no '{}' service property", kind.label(),
                    bundleName, Provider.ID_PROPERTY);
            return;
        }
        String name;
        String description;
        try {
            name = provider.displayName();
            description = provider.description();
        } catch (RuntimeException e) {
            // A faulty plugin is reported by id, never allowed to break the registry.
            LOG.warn("{} provider '{}' from bundle '{}' failed to describe itself", kind.label(), id, bundleName, e);
            name = id;
            description = "(failed to describe itself: " + e + ")";
        }
        PluginDescriptor descriptor = new PluginDescriptor(kind, id, name, description, bundleName,
                bundle == null ? "?" : bundle.getVersion().toString());
        registrations.put(reference, new Registration(descriptor, provider));
        if (matching(kind, id).size() > 1) {
            LOG.warn("{}", conflict(kind, id).message());
        }
    }

    private void remove(ServiceReference<?> reference) {
        registrations.remove(reference);
    }

    @Override
    public List<PluginDescriptor> list() {
        return registrations.values().stream().map(Registration::descriptor).sorted(ORDER).toList();
    }

    @Override
    public List<PluginDescriptor> list(ProviderKind kind) {
        return list().stream().filter(d -> d.kind() == kind).toList();
    }

    @Override
    public List<PluginConflict> conflicts() {
        Map<ProviderKind, Map<String, List<PluginDescriptor>>> byKindAndId = list().stream()
                .collect(Collectors.groupingBy(PluginDescriptor::kind,
                        Collectors.groupingBy(PluginDescriptor::id)));
        List<PluginConflict> conflicts = new ArrayList<>();
        byKindAndId.forEach((kind, byId) -> byId.forEach((id, descriptors) -> {
            if (descriptors.size() > 1) {
                conflicts.add(new PluginConflict(kind, id, descriptors));
            }
        }));
        conflicts.sort(Comparator.comparing(PluginConflict::kind).thenComparing(PluginConflict::id));
        return conflicts;
    }

    @Override
    public <T extends Provider> T get(Class<T> type, String id) throws PluginException {
        ProviderKind kind = ProviderKind.of(type);
        List<Registration> found = matching(kind, id);
        if (found.isEmpty()) {
            List<String> known = list(kind).stream().map(PluginDescriptor::id).distinct().toList();
            throw new PluginException("No " + kind.label() + " plugin with id '" + id + "' is installed; "
                    + (known.isEmpty() ? "none is installed" : "installed: " + String.join(", ", known)));
        }
        if (found.size() > 1) {
            throw new PluginException(conflict(kind, id).message());
        }
        return type.cast(found.get(0).provider());
    }

    private List<Registration> matching(ProviderKind kind, String id) {
        return registrations.values().stream()
                .filter(r -> r.descriptor().kind() == kind && r.descriptor().id().equals(id)).toList();
    }

    private PluginConflict conflict(ProviderKind kind, String id) {
        return new PluginConflict(kind, id,
                matching(kind, id).stream().map(Registration::descriptor).sorted(ORDER).toList());
    }
}

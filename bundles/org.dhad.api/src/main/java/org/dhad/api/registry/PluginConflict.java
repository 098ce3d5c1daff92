package org.dhad.api.registry;

import java.util.List;

import org.dhad.api.ProviderKind;

/**
 * One id registered by several providers of the same kind.
 *
 * @param kind      extension point
 * @param id        the contested id
 * @param providers every registration of that id
 */
public record PluginConflict(ProviderKind kind, String id, List<PluginDescriptor> providers) {

    public PluginConflict {
        providers = List.copyOf(providers);
    }

    /** One line for logs and the CLI. */
    public String message() {
        return kind.label() + " id '" + id + "' is registered by " + providers.size() + " providers ("
                + String.join(", ", providers.stream().map(p -> p.bundle() + " " + p.bundleVersion()).toList())
                + "); uninstall or rename one";
    }
}

package org.dhad.api.registry;

import org.dhad.api.ProviderKind;

/**
 * What the registry knows of one registered provider.
 *
 * @param kind          extension point
 * @param id            the provider's id service property
 * @param name          display name
 * @param description   description
 * @param bundle        symbolic name of the bundle that registered it
 * @param bundleVersion that bundle's version
 */
public record PluginDescriptor(ProviderKind kind, String id, String name, String description, String bundle,
        String bundleVersion) {
}

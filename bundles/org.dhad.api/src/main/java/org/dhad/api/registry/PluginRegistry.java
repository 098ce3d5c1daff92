package org.dhad.api.registry;

import java.util.List;

import org.dhad.api.PluginException;
import org.dhad.api.Provider;
import org.dhad.api.ProviderKind;

/**
 * The installed providers of every kind, following the OSGi service registry: a bundle started while
 * the framework runs appears, one stopped disappears. Two providers of one kind with the same id are a
 * {@link PluginConflict}; neither is returned by {@link #get} until one goes away.
 */
public interface PluginRegistry {

    /** Every provider of every kind, sorted by kind and id; conflicting providers are all listed. */
    List<PluginDescriptor> list();

    /** The providers of one kind, sorted by id. */
    List<PluginDescriptor> list(ProviderKind kind);

    /** Ids registered more than once within a kind. */
    List<PluginConflict> conflicts();

    /**
     * The provider of {@code type} with {@code id}.
     *
     * @throws PluginException naming the id and the ids that exist, when none matches, or naming the
     *                         bundles, when the id is in conflict
     */
    <T extends Provider> T get(Class<T> type, String id) throws PluginException;
}

package org.dhad.api;

import java.util.List;

/**
 * What every plugin has in common: an id that experiments refer to, a name and description for
 * people, and the settings it accepts.
 * <p>
 * A provider is registered as a DS service under its extension interface with the service property
 * {@value #ID_PROPERTY} equal to {@link #id()}; the registry reads the property, so it must not
 * change while the service is registered.
 */
public interface Provider {

    /** The service property that carries the provider's id. */
    String ID_PROPERTY = "id";

    /** Lower-case id, unique within its kind, used in experiment files and on the command line. */
    String id();

    /** Short human-readable name. */
    String displayName();

    /** One or two sentences on what the provider does and when to use it. */
    String description();

    /** The settings this provider reads, with their defaults; empty when it takes none. */
    default List<SettingDescriptor> settings() {
        return List.of();
    }
}

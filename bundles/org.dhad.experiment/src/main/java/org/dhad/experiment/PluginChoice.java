package org.dhad.experiment;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A provider chosen by id, with the setting values the experiment gives it (defaults fill the rest).
 *
 * @param id       provider id
 * @param settings setting values by key, as text
 */
public record PluginChoice(String id, Map<String, String> settings) {

    public PluginChoice {
        Objects.requireNonNull(id, "id");
        settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
    }

    /** A provider with all its defaults. */
    public static PluginChoice of(String id) {
        return new PluginChoice(id, Map.of());
    }
}

package org.dhad.serve.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.dhad.serve.ServeSettings;

/**
 * What a running service serves, registered as an OSGi service while it runs: the whiteboard servlets reference it,
 * so they are published when a service starts and withdrawn when it stops.
 */
public final class ServedModels {

    private final Map<String, ServedModel> models = new LinkedHashMap<>();
    private final ServeSettings settings;
    private final ScoringQueue queue;
    private final long started = System.currentTimeMillis();

    ServedModels(List<ServedModel> served, ServeSettings settings, ScoringQueue queue) {
        served.forEach(m -> models.put(m.name(), m));
        this.settings = settings;
        this.queue = queue;
    }

    /** The model of that name; with one model served, also when none is named. Null when there is no such model. */
    ServedModel find(String name) {
        if ((name == null || name.isEmpty()) && models.size() == 1) {
            return models.values().iterator().next();
        }
        return name == null ? null : models.get(name);
    }

    Collection<ServedModel> all() {
        return models.values();
    }

    /** The served names, for messages. */
    String names() {
        return String.join(", ", new ArrayList<>(models.keySet()));
    }

    ServeSettings settings() {
        return settings;
    }

    ScoringQueue queue() {
        return queue;
    }

    long uptimeSeconds() {
        return (System.currentTimeMillis() - started) / 1000;
    }
}

package org.dhad.serve.internal;

import java.util.List;

import org.dhad.engine.Inspector;

/** One run being served under a name: its open {@link Inspector}. */
public record ServedModel(String name, Inspector inspector) {

    /** The category a request asked for, or the run's only one; null when it must be asked for. */
    String category(String wanted) {
        List<String> categories = inspector.categories();
        if (wanted == null || wanted.isEmpty()) {
            return categories.size() == 1 ? categories.get(0) : null;
        }
        return categories.contains(wanted) ? wanted : null;
    }
}

package org.dhad.api.metric;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The score maps of one category, and a place where metrics share what they derive from them (a
 * sorted pixel ranking, say), so that several metrics over a whole benchmark hold one copy of it.
 */
public final class EvaluationData {

    private final String category;
    private final List<ScoreMap> maps;
    private final Map<Object, Object> derived = new ConcurrentHashMap<>();

    public EvaluationData(String category, List<ScoreMap> maps) {
        this.category = category;
        this.maps = List.copyOf(maps);
    }

    public String category() {
        return category;
    }

    public List<ScoreMap> maps() {
        return maps;
    }

    /** Total number of pixels over all maps. */
    public long pixelCount() {
        return maps.stream().mapToLong(m -> m.scores().length).sum();
    }

    /**
     * The value derived under {@code key}, computed once by {@code computer} and kept as long as this
     * object lives. Keys are usually the derived type's class.
     */
    @SuppressWarnings("unchecked")
    public <T> T derived(Object key, Function<EvaluationData, T> computer) {
        return (T) derived.computeIfAbsent(key, k -> computer.apply(this));
    }
}

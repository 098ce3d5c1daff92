package org.dhad.data.mvtec.internal;

import java.util.List;
import java.util.Map;

import org.dhad.api.data.DataProblem;
import org.dhad.api.data.DatasetContent;
import org.dhad.api.data.Sample;
import org.dhad.api.data.Split;

/** An immutable index built by {@link ContentBuilder}. */
final class IndexedContent implements DatasetContent {

    private final List<String> categories;
    private final Map<String, List<Sample>> samples;
    private final List<DataProblem> problems;

    IndexedContent(List<String> categories, Map<String, List<Sample>> samples, List<DataProblem> problems) {
        this.categories = List.copyOf(categories);
        this.samples = Map.copyOf(samples);
        this.problems = List.copyOf(problems);
    }

    @Override
    public List<String> categories() {
        return categories;
    }

    /** @throws IllegalArgumentException for a category the dataset does not have */
    @Override
    public List<Sample> samples(String category, Split split) {
        List<Sample> list = samples.get(ContentBuilder.key(category, split));
        if (list == null) {
            throw new IllegalArgumentException("Unknown category '" + category + "'; expected one of " + categories);
        }
        return list;
    }

    @Override
    public List<DataProblem> problems() {
        return problems;
    }
}

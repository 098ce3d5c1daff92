package org.dhad.data.synthetic.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.dhad.api.data.DataProblem;
import org.dhad.api.data.DatasetContent;
import org.dhad.api.data.Sample;
import org.dhad.api.data.Split;

/**
 * The sample index of an opened synthetic dataset. Per category: {@code trainCount} good training images,
 * then {@code goodCount} good test images and {@code defectCount} defective ones that cycle through the
 * category's defect types; names count from 000 within each category, split and defect type.
 */
final class SyntheticContent implements DatasetContent {

    private final List<String> categories;
    private final Map<String, Map<Split, List<Sample>>> samples = new LinkedHashMap<>();

    SyntheticContent(List<Category> categories, int size, long seed, int trainCount, int goodCount, int defectCount) {
        this.categories = categories.stream().map(Category::label).toList();
        for (Category category : categories) {
            List<Sample> train = new ArrayList<>(trainCount);
            for (int i = 0; i < trainCount; i++) {
                train.add(new SyntheticSample(category, Split.TRAIN, null, name(i), size,
                        SyntheticSample.key(seed, category, Split.TRAIN, i)));
            }
            List<Sample> test = new ArrayList<>(goodCount + defectCount);
            for (int i = 0; i < goodCount; i++) {
                test.add(new SyntheticSample(category, Split.TEST, null, name(i), size,
                        SyntheticSample.key(seed, category, Split.TEST, i)));
            }
            List<DefectKind> kinds = category.defects();
            for (int d = 0; d < defectCount; d++) {
                test.add(new SyntheticSample(category, Split.TEST, kinds.get(d % kinds.size()), name(d / kinds.size()),
                        size, SyntheticSample.key(seed, category, Split.TEST, goodCount + d)));
            }
            samples.put(category.label(), Map.of(Split.TRAIN, List.copyOf(train), Split.TEST, List.copyOf(test)));
        }
    }

    private static String name(int index) {
        return String.format(Locale.ROOT, "%03d", index);
    }

    @Override
    public List<String> categories() {
        return categories;
    }

    /** @throws IllegalArgumentException for a category that was not opened */
    @Override
    public List<Sample> samples(String category, Split split) {
        Map<Split, List<Sample>> bySplit = samples.get(category);
        if (bySplit == null) {
            throw new IllegalArgumentException("Unknown category '" + category + "'; expected one of " + categories);
        }
        return bySplit.get(split);
    }

    @Override
    public List<DataProblem> problems() {
        return List.of();
    }
}

package org.dhad.api.data;

import java.util.List;

/** The indexed samples of an opened {@link AnomalyDataset}. */
public interface DatasetContent {

    /** Category names in a stable order. */
    List<String> categories();

    /** The samples of one category and split, in a stable order. */
    List<Sample> samples(String category, Split split);

    /** Problems found while indexing; empty when the data is clean. */
    List<DataProblem> problems();
}

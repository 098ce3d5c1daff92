package org.dhad.api.data;

import org.dhad.api.Provider;
import org.dhad.api.Settings;

/** Negative images and the shapes cut from them that are pasted onto inliers as simulated outliers. */
public interface NegativeSource extends Provider {

    /**
     * Opens and indexes the source.
     *
     * @throws DataException when the source cannot be used; the message names the path and what was expected
     */
    NegativeSampler open(Settings settings) throws DataException;
}

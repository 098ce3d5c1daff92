package org.dhad.api.data;

import org.dhad.api.Provider;
import org.dhad.api.Settings;

/**
 * Negative images and the shapes cut from them that are pasted onto inliers as simulated outliers. A source
 * whose images carry class-index masks may also open them as a labelled segmentation dataset
 * ({@link #providesClassLabels()}, {@link #openLabelled(Settings)}).
 */
public interface NegativeSource extends Provider {

    /**
     * Opens and indexes the source.
     *
     * @throws DataException when the source cannot be used; the message names the path and what was expected
     */
    NegativeSampler open(Settings settings) throws DataException;

    /**
     * Opens the source like {@link #open(Settings)}; a source that decodes files may keep what it decoded in
     * {@code decoded}, the run's disk tier, so that a later process draws without decoding again. The draws are
     * the same with any cache.
     *
     * @since 2.3
     */
    default NegativeSampler open(Settings settings, DecodedCache decoded) throws DataException {
        return open(settings);
    }

    /** Whether {@link #openLabelled(Settings)} gives images with class labels. */
    default boolean providesClassLabels() {
        return false;
    }

    /**
     * Opens the source's images with their class-index masks, for the segmentation task. The same settings as
     * {@link #open(Settings)}; classes the settings ignore are {@link LabelledImages#IGNORED}.
     *
     * @throws DataException when the source has no class labels or cannot be opened; the message names the path
     *                       and what was expected
     * @since 2.2
     */
    default LabelledImages openLabelled(Settings settings) throws DataException {
        throw new DataException("negatives '" + id() + "' have no class labels; expected a source whose images "
                + "have class-index masks, such as 'segmentation'");
    }
}

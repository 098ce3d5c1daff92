package org.dhad.api.data;

import org.dhad.api.Provider;
import org.dhad.api.Settings;

/** An anomaly-detection dataset layout: anomaly-free training images and labelled test images per category. */
public interface AnomalyDataset extends Provider {

    /**
     * The key of the setting that holds the folder a dataset (or a negative source) reads. {@code dhad datasets
     * inspect PATH}, {@code dhad evaluate-maps --dataset ID:PATH} and {@code dhad experiments new --dataset-root}
     * pass the folder under this key, so a dataset that reads one folder takes it as a {@code PATH} setting.
     */
    String ROOT_SETTING = "root";

    /**
     * Opens the dataset the settings point at and indexes it. Problems that do not prevent use
     * (for example one unreadable file) are collected in {@link DatasetContent#problems()}.
     *
     * @throws DataException when the dataset cannot be used at all; the message names the path and
     *                       what was expected there
     */
    DatasetContent open(Settings settings) throws DataException;
}

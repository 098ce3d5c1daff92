package org.dhad.api.data;

/** Training (anomaly-free) or test (labelled) part of a dataset. */
public enum Split {
    TRAIN, TEST
}

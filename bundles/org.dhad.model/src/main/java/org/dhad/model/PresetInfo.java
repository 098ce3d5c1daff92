package org.dhad.model;

/**
 * A preset experiment shipped with the model bundle.
 *
 * @param name        name to pass to {@link ExperimentModel#preset(String)}, e.g. {@code table1-all-mask}
 * @param description one sentence on what the preset reproduces
 */
public record PresetInfo(String name, String description) {
}

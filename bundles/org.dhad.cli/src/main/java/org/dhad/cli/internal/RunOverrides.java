package org.dhad.cli.internal;

import org.dhad.experiment.Schedule;
import org.dhad.model.ExperimentDocument;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Options that change an experiment for one run without editing its file (train, demo, sweep). */
final class RunOverrides {

    @Option(names = "--epochs", paramLabel = "N", description = "Override the experiment's number of epochs.")
    private Integer epochs;

    @Option(names = "--seed", paramLabel = "N",
            description = "Override the experiment's seed (the same seed and thread count repeat a run bit for bit).")
    private Long seed;

    @Mixin
    private DeviceOption device;

    /** Applies the options that were given; the others leave the document as it is. */
    void applyTo(ExperimentDocument document) {
        if (epochs != null) {
            document.setSchedule(document.getSchedule().with(Schedule.EPOCHS, epochs));
        }
        if (device.name() != null) { // checked with the experiment's other values, as schedule.device
            document.setSchedule(document.getSchedule().with(Schedule.DEVICE, device.name()));
        }
        if (seed != null) {
            document.setSeed(seed);
        }
    }
}

package org.dhad.cli.internal;

import org.dhad.experiment.Schedule;
import org.dhad.model.ExperimentDocument;

import picocli.CommandLine.Option;

/** Options that change an experiment for one run without editing its file (train, demo, sweep). */
final class RunOverrides {

    @Option(names = "--epochs", paramLabel = "N", description = "Override the experiment's number of epochs.")
    private Integer epochs;

    @Option(names = "--seed", paramLabel = "N",
            description = "Override the experiment's seed (the same seed and thread count repeat a run bit for bit).")
    private Long seed;

    @Option(names = "--device", paramLabel = "NAME",
            description = "Override the experiment's device: auto, cpu or cuda:N (dhad doctor lists the devices).")
    private String device;

    /** Applies the options that were given; the others leave the document as it is. */
    void applyTo(ExperimentDocument document) {
        if (epochs != null) {
            document.setSchedule(document.getSchedule().with(Schedule.EPOCHS, epochs));
        }
        if (device != null) {
            document.setSchedule(document.getSchedule().with(Schedule.DEVICE, device));
        }
        if (seed != null) {
            document.setSeed(seed);
        }
    }
}

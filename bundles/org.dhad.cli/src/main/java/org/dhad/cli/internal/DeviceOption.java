package org.dhad.cli.internal;

import org.dhad.experiment.ComputeDevice;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code --device NAME}: where the network runs, for a new run (train, demo, sweep) or a run's folder. */
final class DeviceOption {

    @Spec(Spec.Target.MIXEE)
    private CommandSpec command;

    @Option(names = "--device", paramLabel = "NAME",
            description = "auto, cpu or cuda:N (dhad doctor lists the devices); default: the experiment's schedule.device.")
    private String name;

    /** The name as given, or null when the option was not given. */
    String name() {
        return name;
    }

    /**
     * The device given, or null for the experiment's own.
     *
     * @throws ParameterException naming the value and what a device name may be (a usage error)
     */
    ComputeDevice device() {
        if (name == null) {
            return null;
        }
        try {
            return ComputeDevice.parse(name);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(command.commandLine(), "--device: " + e.getMessage());
        }
    }
}

package org.dhad.engine.internal;

import org.dhad.djl.TorchRuntime;
import org.dhad.engine.EngineException;
import org.dhad.experiment.ComputeDevice;
import org.dhad.experiment.ExperimentSpec;
import org.dhad.experiment.Schedule;

import ai.djl.Device;

/** Puts a network on the device an experiment names, if libtorch sees that device in this process. */
final class DevicePlacement {

    private DevicePlacement() {
    }

    /**
     * @throws EngineException naming the device asked for and the devices there are
     */
    static Device of(ComputeDevice choice, TorchRuntime runtime) throws EngineException {
        if (choice.auto()) {
            return runtime.engine().defaultDevice();
        }
        if (!choice.gpu()) {
            return Device.cpu();
        }
        int gpus = runtime.engine().getGpuCount();
        if (choice.index() < gpus) {
            return Device.gpu(choice.index());
        }
        throw new EngineException("device " + choice + " is not available; libtorch " + runtime.libtorchVersion()
                + " here sees " + ComputeDevice.availableNames(gpus)
                + (gpus == 0 ? " (a CPU build of libtorch sees no GPU; the README's 'GPUs' section says how to "
                        + "provide a CUDA one)" : ""));
    }

    /**
     * The run's experiment moved to {@code device} for this session (evaluate, predict, resume with
     * {@code --device}), or as it is when {@code device} is null. Call {@link #of} first, so that a device that
     * is not there is refused before a run file is read.
     */
    static ExperimentSpec onto(ExperimentSpec spec, ComputeDevice device) {
        return device == null ? spec : spec.withSchedule(spec.schedule().with(Schedule.DEVICE, device.toString()));
    }
}

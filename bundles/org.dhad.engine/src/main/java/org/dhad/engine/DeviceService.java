package org.dhad.engine;

import java.util.List;

import org.dhad.experiment.ComputeDevice;

/**
 * The devices libtorch sees in this process, where the engine can train, evaluate and predict. The workbench asks
 * it which devices to offer and checks a job's device with it before the job starts.
 */
public interface DeviceService {

    /** {@code cpu}, then {@code cuda:0}, {@code cuda:1}, ... as {@link ComputeDevice#available} lists them. */
    List<ComputeDevice> available();

    /**
     * The device {@code choice} puts a network on here: itself, or for {@code auto} the first GPU, else the CPU.
     *
     * @throws EngineException naming the device asked for and the devices there are, in the words training,
     *                         evaluation and prediction refuse it with
     */
    ComputeDevice placement(ComputeDevice choice) throws EngineException;
}

package org.dhad.engine.internal;

import java.util.List;
import java.util.Objects;

import org.dhad.djl.TorchRuntime;
import org.dhad.engine.DeviceService;
import org.dhad.engine.EngineException;
import org.dhad.experiment.ComputeDevice;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import ai.djl.Device;

/** The {@link DeviceService}: what {@link DevicePlacement} decides, for callers that hold no {@link TorchRuntime}. */
@Component(service = DeviceService.class)
public final class DeviceComponent implements DeviceService {

    private final TorchRuntime runtime;

    @Activate
    public DeviceComponent(@Reference TorchRuntime runtime) {
        this.runtime = Objects.requireNonNull(runtime, "runtime");
    }

    @Override
    public List<ComputeDevice> available() {
        return ComputeDevice.available(runtime.engine().getGpuCount());
    }

    @Override
    public ComputeDevice placement(ComputeDevice choice) throws EngineException {
        Device device = DevicePlacement.of(Objects.requireNonNull(choice, "choice"), runtime);
        return device.isGpu() ? ComputeDevice.cuda(device.getDeviceId()) : ComputeDevice.CPU;
    }
}

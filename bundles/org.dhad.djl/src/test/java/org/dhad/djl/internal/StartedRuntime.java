package org.dhad.djl.internal;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.concurrent.TimeUnit;

import org.dhad.djl.TorchRuntime;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

/** Waits for the started engine's DS service, for the tests of this bundle; closing stops tracking it. */
public final class StartedRuntime implements AutoCloseable {

    private final ServiceTracker<TorchRuntime, TorchRuntime> tracker;
    private final TorchRuntime runtime;

    public StartedRuntime() throws InterruptedException {
        BundleContext context = FrameworkUtil.getBundle(StartedRuntime.class).getBundleContext();
        tracker = new ServiceTracker<>(context, TorchRuntime.class, null);
        tracker.open();
        runtime = tracker.waitForService(TimeUnit.SECONDS.toMillis(60));
        assertNotNull(runtime, "TorchRuntime service not registered within 60 s: the engine did not start");
    }

    public TorchRuntime runtime() {
        return runtime;
    }

    @Override
    public void close() {
        tracker.close();
    }
}

package org.dhad.backbone.deeplabv3.internal;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.dhad.api.PluginException;
import org.dhad.api.Provider;
import org.dhad.api.Settings;
import org.dhad.api.backbone.Backbone;
import org.dhad.djl.TorchRuntime;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Filter;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.util.tracker.ServiceTracker;

/** Waits for the started engine and the {@code deeplabv3} backbone service, for the tests of this bundle. */
final class Services implements AutoCloseable {

    private final ServiceTracker<TorchRuntime, TorchRuntime> runtimeTracker;
    private final ServiceTracker<Backbone, Backbone> backboneTracker;
    private final Backbone backbone;

    Services() throws InterruptedException, InvalidSyntaxException {
        BundleContext context = FrameworkUtil.getBundle(Services.class).getBundleContext();
        runtimeTracker = new ServiceTracker<>(context, TorchRuntime.class, null);
        runtimeTracker.open();
        assertNotNull(runtimeTracker.waitForService(TimeUnit.SECONDS.toMillis(60)),
                "TorchRuntime service not registered within 60 s: the engine did not start");
        Filter filter = context.createFilter("(&(objectClass=" + Backbone.class.getName() + ")("
                + Provider.ID_PROPERTY + "=" + DeepLabV3Backbone.ID + "))");
        backboneTracker = new ServiceTracker<>(context, filter, null);
        backboneTracker.open();
        backbone = backboneTracker.waitForService(TimeUnit.SECONDS.toMillis(30));
        assertNotNull(backbone, "Backbone service with id=deeplabv3 not registered within 30 s");
    }

    Backbone backbone() {
        return backbone;
    }

    /** A network with the given settings (keys as in the backbone's settings). */
    DeepLabV3Network create(Map<String, String> values) throws PluginException {
        return (DeepLabV3Network) backbone.create(new Settings(backbone.id(), backbone.settings(), values));
    }

    /** A depth-18 network at width 0.25: fast enough for training tests on two cores. */
    DeepLabV3Network tiny(int classes) throws PluginException {
        return create(Map.of("depth", "18", "width", "0.25", "classes", Integer.toString(classes)));
    }

    @Override
    public void close() {
        backboneTracker.close();
        runtimeTracker.close();
    }
}

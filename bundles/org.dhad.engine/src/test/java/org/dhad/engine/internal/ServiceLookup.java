package org.dhad.engine.internal;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.dhad.api.Provider;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.util.tracker.ServiceTracker;

/** Waits for services of the running framework, optionally a provider with a given id. */
final class ServiceLookup implements AutoCloseable {

    private final BundleContext context = FrameworkUtil.getBundle(ServiceLookup.class).getBundleContext();
    private final List<ServiceTracker<?, ?>> trackers = new ArrayList<>();

    /** The service of {@code type} (with {@code id}, unless {@code null}), waiting up to 60 s. */
    <T> T await(Class<T> type, String id) throws InterruptedException, InvalidSyntaxException {
        String filter = "(objectClass=" + type.getName() + ")";
        if (id != null) {
            filter = "(&" + filter + "(" + Provider.ID_PROPERTY + "=" + id + "))";
        }
        ServiceTracker<T, T> tracker = new ServiceTracker<>(context, context.createFilter(filter), null);
        tracker.open();
        trackers.add(tracker);
        T service = tracker.waitForService(TimeUnit.SECONDS.toMillis(60));
        assertNotNull(service, type.getSimpleName() + (id == null ? "" : " '" + id + "'")
                + " not registered within 60 s (bundle missing from the test runtime?)");
        return service;
    }

    @Override
    public void close() {
        trackers.forEach(ServiceTracker::close);
    }
}

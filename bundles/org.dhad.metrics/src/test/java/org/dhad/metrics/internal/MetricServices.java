package org.dhad.metrics.internal;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.dhad.api.Provider;
import org.dhad.api.metric.Metric;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.util.tracker.ServiceTracker;

/** Finds the metric services by id in the running framework, as other bundles would. */
final class MetricServices implements AutoCloseable {

    /** The ids this bundle registers. */
    static final List<String> IDS = List.of("pixel-auroc", "pixel-fpr95", "pixel-ap", "pixel-aupro",
            "pixel-f1max", "image-auroc");

    private final BundleContext context = FrameworkUtil.getBundle(MetricServices.class).getBundleContext();
    private final List<ServiceTracker<Metric, Metric>> trackers = new ArrayList<>();

    /** The service registered as {@link Metric} with {@code id}, waiting up to 30 s for SCR. */
    Metric get(String id) throws InterruptedException, InvalidSyntaxException {
        ServiceTracker<Metric, Metric> tracker = new ServiceTracker<>(context, context.createFilter(
                "(&(objectClass=" + Metric.class.getName() + ")(" + Provider.ID_PROPERTY + "=" + id + "))"), null);
        tracker.open();
        trackers.add(tracker);
        Metric metric = tracker.waitForService(TimeUnit.SECONDS.toMillis(30));
        assertNotNull(metric, "no Metric service with id=" + id + " registered within 30 s");
        return metric;
    }

    @Override
    public void close() {
        trackers.forEach(ServiceTracker::close);
    }
}

package org.dhad.metrics.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.dhad.api.Provider;
import org.dhad.api.metric.Metric;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceReference;

/** All six metrics are DS services under their ids, with the right direction and settings. */
class MetricRegistrationTest {

    @Test
    void allSixIdsAreRegisteredOnce() throws Exception {
        try (MetricServices services = new MetricServices()) {
            for (String id : MetricServices.IDS) {
                Metric metric = services.get(id);
                assertEquals(id, metric.id(), "id() of the service registered with id=" + id);
                assertFalse(metric.displayName().isBlank(), id + " display name");
                assertTrue(metric.description().length() > 40, id + " description: " + metric.description());
                assertEquals(!id.equals("pixel-fpr95"), metric.higherIsBetter(), id + " higherIsBetter");
            }
        }
        BundleContext context = FrameworkUtil.getBundle(getClass()).getBundleContext();
        for (String id : MetricServices.IDS) {
            var refs = context.getServiceReferences(Metric.class, "(" + Provider.ID_PROPERTY + "=" + id + ")");
            assertEquals(1, refs.size(), "services registered with id=" + id);
        }
        var all = context.getServiceReferences(Metric.class, null).stream().map(r -> r.getProperty("id")).toList();
        assertTrue(all.containsAll(MetricServices.IDS), "registered metric ids " + all);
    }

    @Test
    void auproDeclaresItsLimitSettingWithDefault() throws Exception {
        try (MetricServices services = new MetricServices()) {
            Metric aupro = services.get("pixel-aupro");
            assertEquals(1, aupro.settings().size(), "pixel-aupro settings");
            assertEquals("fpr-limit", aupro.settings().get(0).key(), "setting key");
            assertEquals("0.3", aupro.settings().get(0).defaultValue(), "default FPR limit");
            assertEquals(0.3, ((PixelAupro) aupro).limit(), 0.0, "limit used by the registered service");
            for (String id : MetricServices.IDS) {
                if (!id.equals("pixel-aupro")) {
                    assertTrue(services.get(id).settings().isEmpty(), id + " takes no settings");
                }
            }
        }
        ServiceReference<Metric> ref = FrameworkUtil.getBundle(getClass()).getBundleContext()
                .getServiceReferences(Metric.class, "(id=pixel-aupro)").iterator().next();
        assertEquals(0.3, (Double) ref.getProperty("fpr-limit"), 0.0, "fpr-limit service property");
    }

    @Test
    void badLimitIsRejectedNamingTheValue() {
        var e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new PixelAupro(Map.of("fpr-limit", "1.5")));
        assertTrue(e.getMessage().contains("fpr-limit") && e.getMessage().contains("1.5"), e.getMessage());
        assertEquals(0.05, new PixelAupro(Map.of("fpr-limit", 0.05)).limit(), 0.0, "explicit limit");
    }
}

package org.dhad.data.synthetic.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.awt.image.BufferedImage;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.dhad.api.Provider;
import org.dhad.api.Settings;
import org.dhad.api.data.AnomalyDataset;
import org.dhad.api.data.DataException;
import org.dhad.api.data.DatasetContent;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceReference;
import org.osgi.util.tracker.ServiceTracker;

/** The registered synthetic dataset service and small helpers on pixels. */
final class SyntheticFixtures {

    private SyntheticFixtures() {
    }

    /** The AnomalyDataset service with id=synthetic, waiting for DS to publish it. */
    static AnomalyDataset dataset() throws Exception {
        BundleContext context = FrameworkUtil.getBundle(SyntheticFixtures.class).getBundleContext();
        String filter = "(&(objectClass=" + AnomalyDataset.class.getName() + ")(" + Provider.ID_PROPERTY + "=synthetic))";
        ServiceTracker<AnomalyDataset, AnomalyDataset> tracker = new ServiceTracker<>(context,
                context.createFilter(filter), null);
        tracker.open();
        try {
            AnomalyDataset dataset = tracker.waitForService(TimeUnit.SECONDS.toMillis(10));
            assertNotNull(dataset, "no AnomalyDataset service with id=synthetic registered within 10 s");
            Collection<ServiceReference<AnomalyDataset>> refs = context.getServiceReferences(AnomalyDataset.class,
                    "(" + Provider.ID_PROPERTY + "=synthetic)");
            assertEquals(1, refs.size(), "exactly one dataset service with id=synthetic");
            return dataset;
        } finally {
            tracker.close();
        }
    }

    static DatasetContent open(Map<String, String> values) throws Exception {
        AnomalyDataset dataset = dataset();
        return dataset.open(new Settings(dataset.id(), dataset.settings(), values));
    }

    /** The DataException {@code open} throws; fails when it opens. */
    static DataException failure(Map<String, String> values) throws Exception {
        try {
            DatasetContent content = open(values);
            throw new AssertionError("expected a DataException for " + values + ", got categories " + content.categories());
        } catch (DataException e) {
            return e;
        }
    }

    /** Packed RGB pixels without alpha, row-major. */
    static int[] pixels(BufferedImage image) {
        int[] argb = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
        for (int i = 0; i < argb.length; i++) {
            argb[i] &= 0xFFFFFF;
        }
        return argb;
    }
}

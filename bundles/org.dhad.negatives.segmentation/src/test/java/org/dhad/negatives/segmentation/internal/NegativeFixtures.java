package org.dhad.negatives.segmentation.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import javax.imageio.ImageIO;

import org.dhad.api.Provider;
import org.dhad.api.Settings;
import org.dhad.api.data.DataException;
import org.dhad.api.data.DecodedCache;
import org.dhad.api.data.NegativeSampler;
import org.dhad.api.data.NegativeSource;
import org.junit.jupiter.api.Assumptions;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

/** Shared data, the registered negative sources and an independent decoder of the mask files. */
final class NegativeFixtures {

    private NegativeFixtures() {
    }

    /** {@code <dhad.shared>/data/<folder>}; skips the calling test with a message when absent. */
    static Path shared(String folder) {
        String property = System.getProperty("dhad.shared");
        Path data = property == null ? null : Path.of(property, "data", folder).toAbsolutePath().normalize();
        Assumptions.assumeTrue(data != null && Files.isDirectory(data), "Shared test data not found (system property "
                + "dhad.shared=" + property + "; expected <dhad.shared>/data/" + folder + "): skipping the real-data test");
        return data;
    }

    static NegativeSource source(String id) throws Exception {
        BundleContext context = FrameworkUtil.getBundle(NegativeFixtures.class).getBundleContext();
        ServiceTracker<NegativeSource, NegativeSource> tracker = new ServiceTracker<>(context, context.createFilter(
                "(&(objectClass=" + NegativeSource.class.getName() + ")(" + Provider.ID_PROPERTY + "=" + id + "))"), null);
        tracker.open();
        try {
            NegativeSource source = tracker.waitForService(TimeUnit.SECONDS.toMillis(10));
            assertNotNull(source, "no NegativeSource service with id=" + id + " registered within 10 s");
            assertEquals(id, source.id(), "id() agrees with the service property");
            return source;
        } finally {
            tracker.close();
        }
    }

    static NegativeSampler open(String id, Map<String, String> values) throws Exception {
        return open(id, values, DecodedCache.NONE);
    }

    static NegativeSampler open(String id, Map<String, String> values, DecodedCache decoded) throws Exception {
        NegativeSource source = source(id);
        return source.open(new Settings(id, source.settings(), values), decoded);
    }

    static DataException failure(String id, Map<String, String> values) throws Exception {
        try {
            NegativeSampler sampler = open(id, values);
            throw new AssertionError("expected a DataException for " + values + ", got " + sampler.size() + " shapes");
        } catch (DataException e) {
            return e;
        }
    }

    /** Class per pixel decoded here, independently of the plugin: R/10*256+G for ADE20K, band 0 otherwise. */
    static int[][] decode(Path mask, boolean adeFull) throws Exception {
        BufferedImage image = ImageIO.read(mask.toFile());
        Raster raster = image.getRaster();
        int[][] labels = new int[image.getHeight()][image.getWidth()];
        int[] px = new int[raster.getNumBands()];
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                raster.getPixel(x, y, px);
                labels[y][x] = adeFull ? px[0] / 10 * 256 + px[1] : px[0];
            }
        }
        return labels;
    }
}

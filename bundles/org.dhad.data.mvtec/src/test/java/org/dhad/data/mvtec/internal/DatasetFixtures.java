package org.dhad.data.mvtec.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import javax.imageio.ImageIO;

import org.dhad.api.Provider;
import org.dhad.api.Settings;
import org.dhad.api.data.AnomalyDataset;
import org.dhad.api.data.DataException;
import org.dhad.api.data.DatasetContent;
import org.junit.jupiter.api.Assumptions;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.util.tracker.ServiceTracker;

/** Shared test data, the registered dataset services, and small copies of the MVTec grid to break. */
final class DatasetFixtures {

    private DatasetFixtures() {
    }

    /** The shared data folder; skips the calling test with a message when it is absent. */
    static Path shared() {
        String property = System.getProperty("dhad.shared");
        Path data = property == null ? null : Path.of(property, "data");
        Assumptions.assumeTrue(data != null && Files.isDirectory(data.resolve("mvtec_ad/grid")),
                "Shared test data not found (system property dhad.shared=" + property
                        + "; expected <dhad.shared>/data/mvtec_ad/grid): skipping the real-data test");
        return data.toAbsolutePath().normalize();
    }

    static Path grid() {
        return shared().resolve("mvtec_ad/grid");
    }

    /** The AnomalyDataset service registered with {@code id}, waiting for DS to publish it. */
    static AnomalyDataset dataset(String id) throws InterruptedException, InvalidSyntaxException {
        BundleContext context = FrameworkUtil.getBundle(DatasetFixtures.class).getBundleContext();
        String filter = "(&(objectClass=" + AnomalyDataset.class.getName() + ")(" + Provider.ID_PROPERTY + "=" + id
                + "))";
        ServiceTracker<AnomalyDataset, AnomalyDataset> tracker = new ServiceTracker<>(context,
                context.createFilter(filter), null);
        tracker.open();
        try {
            AnomalyDataset dataset = tracker.waitForService(TimeUnit.SECONDS.toMillis(10));
            assertNotNull(dataset, "no AnomalyDataset service with id=" + id + " registered within 10 s");
            assertEquals(id, dataset.id(), "id() agrees with the service property");
            Collection<ServiceReference<AnomalyDataset>> refs = context.getServiceReferences(AnomalyDataset.class,
                    "(" + Provider.ID_PROPERTY + "=" + id + ")");
            assertEquals(1, refs.size(), "exactly one service with id=" + id);
            return dataset;
        } finally {
            tracker.close();
        }
    }

    static DatasetContent open(String id, Map<String, String> values) throws Exception {
        AnomalyDataset dataset = dataset(id);
        return dataset.open(new Settings(id, dataset.settings(), values));
    }

    /** The DataException {@code open} throws; fails when it opens. */
    static DataException failure(String id, Map<String, String> values) throws Exception {
        try {
            DatasetContent content = open(id, values);
            throw new AssertionError("expected a DataException for " + values + ", got categories "
                    + content.categories() + " and problems " + content.problems());
        } catch (DataException e) {
            return e;
        }
    }

    /**
     * A small MVTec-layout copy of the grid category under {@code root/grid}: 3 train images, 1 good test
     * image, the bent defect's 3 images and masks, and the broken defect's 2 images and masks.
     */
    static Path smallGrid(Path root) throws IOException {
        Path grid = grid();
        Path copy = root.resolve("grid");
        for (String name : new String[] {"000", "001", "002"}) {
            copy(grid.resolve("train/good/" + name + ".png"), copy.resolve("train/good/" + name + ".png"));
        }
        copy(grid.resolve("test/good/000.png"), copy.resolve("test/good/000.png"));
        for (String defect : new String[] {"bent", "broken"}) {
            for (String name : defect.equals("bent") ? new String[] {"000", "001", "002"} : new String[] {"000", "001"}) {
                copy(grid.resolve("test/" + defect + "/" + name + ".png"), copy.resolve("test/" + defect + "/" + name + ".png"));
                copy(grid.resolve("ground_truth/" + defect + "/" + name + "_mask.png"),
                        copy.resolve("ground_truth/" + defect + "/" + name + "_mask.png"));
            }
        }
        return copy;
    }

    static void copy(Path from, Path to) throws IOException {
        Files.createDirectories(to.getParent());
        Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
    }

    static void writePng(BufferedImage image, Path to) throws IOException {
        Files.createDirectories(to.getParent());
        if (!ImageIO.write(image, "png", to.toFile())) {
            throw new IOException("no PNG writer");
        }
    }

    static void writeJpeg(BufferedImage image, Path to) throws IOException {
        Files.createDirectories(to.getParent());
        if (!ImageIO.write(image, "jpeg", to.toFile())) {
            throw new IOException("no JPEG writer");
        }
    }

    /** A grey mask with value 255 inside the rectangle. */
    static BufferedImage rectangleMask(int width, int height, int x0, int y0, int x1, int y1) {
        BufferedImage mask = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                mask.getRaster().setSample(x, y, 0, 255);
            }
        }
        return mask;
    }
}

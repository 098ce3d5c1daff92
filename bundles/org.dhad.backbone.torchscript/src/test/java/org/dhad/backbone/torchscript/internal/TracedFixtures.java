package org.dhad.backbone.torchscript.internal;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.dhad.api.PluginException;
import org.dhad.api.Provider;
import org.dhad.api.Settings;
import org.dhad.api.backbone.Backbone;
import org.dhad.djl.TorchRuntime;
import org.junit.jupiter.api.Assumptions;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.util.tracker.ServiceTracker;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;

/**
 * The started engine, the {@code torchscript} backbone service, the traced fixtures made by
 * {@code releng/scripts/make-torchscript-fixtures.py}, and the shared MobileNet files.
 */
final class TracedFixtures implements AutoCloseable {

    /** Output (features [N,16,h,w], class logits [N,3,h,w]). */
    static final String TUPLE = "tuple-seg";
    /** One output, features [N,12,h,w]. */
    static final String SINGLE = "single-features";

    private final ServiceTracker<TorchRuntime, TorchRuntime> runtimeTracker;
    private final ServiceTracker<Backbone, Backbone> backboneTracker;
    private final Backbone backbone;

    TracedFixtures() throws InterruptedException, InvalidSyntaxException {
        BundleContext context = FrameworkUtil.getBundle(TracedFixtures.class).getBundleContext();
        runtimeTracker = new ServiceTracker<>(context, TorchRuntime.class, null);
        runtimeTracker.open();
        assertNotNull(runtimeTracker.waitForService(TimeUnit.SECONDS.toMillis(60)),
                "TorchRuntime service not registered within 60 s: the engine did not start");
        backboneTracker = new ServiceTracker<>(context, context.createFilter("(&(objectClass="
                + Backbone.class.getName() + ")(" + Provider.ID_PROPERTY + "=" + TorchScriptBackbone.ID + "))"), null);
        backboneTracker.open();
        backbone = backboneTracker.waitForService(TimeUnit.SECONDS.toMillis(30));
        assertNotNull(backbone, "Backbone service with id=torchscript not registered within 30 s");
    }

    Backbone backbone() {
        return backbone;
    }

    TorchRuntime runtime() {
        return runtimeTracker.getService();
    }

    /** The fixture {@code name}.pt copied out of the bundle into {@code dir} (libtorch reads files only). */
    static Path copy(String name, Path dir) throws IOException {
        return resource(name + ".pt", dir);
    }

    /** PyTorch's input and outputs for fixture {@code name}: arrays "input", "output0" (, "output1"). */
    static NDList expected(NDManager manager, String name) throws IOException {
        try (InputStream in = TracedFixtures.class.getResourceAsStream("/fixtures/" + name + ".expected.npz")) {
            assertNotNull(in, "test resource fixtures/" + name + ".expected.npz");
            return NDList.decode(manager, in);
        }
    }

    private static Path resource(String file, Path dir) throws IOException {
        try (InputStream in = TracedFixtures.class.getResourceAsStream("/fixtures/" + file)) {
            assertNotNull(in, "test resource fixtures/" + file);
            Path target = dir.resolve(file);
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            return target;
        }
    }

    /** The backbone's settings for a fixture: the tuple gives its own class logits, the single output none. */
    static Map<String, String> settings(String name, Path file) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("file", file.toString());
        if (name.equals(TUPLE)) {
            values.put("classes-output", "1");
            values.put("classes", "3");
        } else {
            values.put("classes", "2");
        }
        return values;
    }

    TorchScriptNetwork create(Map<String, String> values) throws PluginException {
        return (TorchScriptNetwork) backbone.create(new Settings(backbone.id(), backbone.settings(), values));
    }

    /**
     * The shared folder's {@code models} directory ({@code -Ddhad.shared}, set by the build to
     * {@code ../shared}); skips the calling test with a message when it is absent.
     */
    static Path sharedModels() {
        String property = System.getProperty("dhad.shared");
        Path models = property == null ? null : Path.of(property, "models");
        Assumptions.assumeTrue(models != null && Files.isRegularFile(models.resolve("mobilenet_v1_imagenet_features.pt"))
                && Files.isRegularFile(models.resolve("mobilenet_v1_random_features.pt")),
                "Shared models not found (system property dhad.shared=" + property + "; expected <dhad.shared>/models/"
                        + "mobilenet_v1_{imagenet,random}_features.pt): skipping the real-model test");
        return models.toAbsolutePath().normalize();
    }

    /** The shared MVTec AD grid sample; skips the calling test with a message when it is absent. */
    static Path sharedGrid() {
        String property = System.getProperty("dhad.shared");
        Path grid = property == null ? null : Path.of(property, "data", "mvtec_ad", "grid");
        Assumptions.assumeTrue(grid != null && Files.isDirectory(grid.resolve("train/good")),
                "Shared data not found (system property dhad.shared=" + property
                        + "; expected <dhad.shared>/data/mvtec_ad/grid/train/good): skipping the real-data test");
        return grid.toAbsolutePath().normalize();
    }

    /** Every parameter value of {@code block} by name, copied. */
    static Map<String, float[]> snapshot(Block block) {
        Map<String, float[]> values = new LinkedHashMap<>();
        block.getParameters().forEach(pair -> values.put(pair.getKey(), pair.getValue().getArray().toFloatArray()));
        return values;
    }

    @Override
    public void close() {
        backboneTracker.close();
        runtimeTracker.close();
    }
}

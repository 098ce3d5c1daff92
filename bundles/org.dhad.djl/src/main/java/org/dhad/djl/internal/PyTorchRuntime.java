package org.dhad.djl.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.dhad.djl.CpuKernels;
import org.dhad.djl.TorchRuntime;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.pytorch.jni.LibUtils;

/**
 * Starts the PyTorch engine once per JVM. DJL finds engines with {@code ServiceLoader} and native files
 * through the thread context class loader, which inside Equinox sees neither; this bundle's own loader
 * sees all of DJL's jars, so it is made the context loader while the engine starts.
 */
@Component(service = TorchRuntime.class, immediate = true)
public final class PyTorchRuntime implements TorchRuntime {

    private static final Logger LOG = LoggerFactory.getLogger(PyTorchRuntime.class);
    private static final String ENGINE = "PyTorch";
    /** The libtorch build embedded in this bundle (pytorch-native-cpu on the class path). */
    private static final String LIBTORCH = "2.7.1";

    private final Engine engine;
    private final Path cache;
    private final boolean online;
    private final CpuKernels kernels;

    @Activate
    public PyTorchRuntime(BundleContext context, Map<String, Object> properties) {
        online = Boolean.parseBoolean(property(context, ONLINE_PROPERTY, "false"));
        cache = Path.of(property(context, CACHE_PROPERTY,
                Path.of(System.getProperty("user.home"), ".dhad", "native").toString())).toAbsolutePath();
        // DJL reads these as system properties when its classes initialise.
        System.setProperty("ai.djl.offline", Boolean.toString(!online));
        System.setProperty("OPT_OUT_TRACKING", "true");
        System.setProperty("DJL_CACHE_DIR", cache.toString());
        String torchVersion = System.getenv("PYTORCH_VERSION");
        if (torchVersion != null && !torchVersion.equals(LIBTORCH)) {
            throw new IllegalStateException("PYTORCH_VERSION is set to '" + torchVersion
                    + "' but this product ships libtorch " + LIBTORCH + "; unset it");
        }
        try {
            kernels = CpuKernels.parse(property(context, CpuKernels.PROPERTY, null));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        // Before the first native library loads: oneDNN, OpenMP and c10 read these only once.
        Map<String, String> environment = NativeEnvironment.apply(kernels);
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(PyTorchRuntime.class.getClassLoader());
        try {
            engine = Engine.getEngine(ENGINE);
        } catch (RuntimeException | UnsatisfiedLinkError e) {
            throw new IllegalStateException("The PyTorch engine did not start (native cache " + cache + "): "
                    + e.getMessage(), e);
        } finally {
            thread.setContextClassLoader(previous);
        }
        try {
            new LibtorchContext(Path.of(LibUtils.getLibtorchPath())).disableNnpack();
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            LOG.debug("NNPACK left as libtorch set it: {}", e.getMessage());
        }
        LOG.debug("PyTorch {} started; native cache {}; offline {}; kernels {}; environment set {}",
                engine.getVersion(), cache, !online, kernels.label(), environment);
    }

    private static String property(BundleContext context, String key, String fallback) {
        String value = context.getProperty(key);
        return value == null || value.isBlank() ? fallback : value;
    }

    @Override
    public Engine engine() {
        return engine;
    }

    @Override
    public String libtorchVersion() {
        return engine.getVersion();
    }

    @Override
    public Path nativeCache() {
        return cache;
    }

    @Override
    public boolean online() {
        return online;
    }

    @Override
    public int threads() {
        return JniUtils.getNumThreads();
    }

    @Override
    public CpuKernels kernels() {
        return kernels;
    }

    @Override
    public String nativeVariable(String name) {
        return NativeEnvironment.value(name);
    }

    @Override
    public String allocator() {
        return NativeEnvironment.preloadedAllocator().map(path -> "jemalloc (" + path + ")").orElse("system");
    }

    @Override
    public OperatorProfile profileOperators(Path traceFile) throws IOException {
        Path folder = traceFile.toAbsolutePath().getParent();
        if (folder == null || !Files.isDirectory(folder) || !Files.isWritable(folder)) {
            throw new IOException(traceFile + ": cannot write the operator trace there (expected an existing, "
                    + "writable folder)");
        }
        String file = traceFile.toAbsolutePath().toString();
        JniUtils.startProfile(false, true, false);
        return () -> JniUtils.stopProfile(file);
    }
}

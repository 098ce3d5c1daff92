package org.dhad.djl;

import java.io.IOException;
import java.nio.file.Path;

import ai.djl.engine.Engine;

/**
 * The started PyTorch engine. Components that use DJL take a reference to this service: it is
 * registered only once the engine loaded inside the framework, offline unless the user allowed
 * downloads.
 */
public interface TorchRuntime {

    /** Framework or system property naming the native cache folder (default {@code ~/.dhad/native}). */
    String CACHE_PROPERTY = "dhad.native.cache";

    /** Framework or system property that, set to {@code true}, lets DJL download (for example a CUDA libtorch). */
    String ONLINE_PROPERTY = "dhad.online";

    /** The PyTorch engine. */
    Engine engine();

    /** The libtorch version, for example {@code 2.7.1}. */
    String libtorchVersion();

    /** Where the native library was extracted. */
    Path nativeCache();

    /** Whether DJL may reach the network. */
    boolean online();

    /** Threads libtorch uses within one operation. */
    int threads();

    /** The CPU kernels this process runs ({@link CpuKernels#PROPERTY}, fixed when the engine started). */
    CpuKernels kernels();

    /**
     * The value of a variable libtorch reads at load (for example {@code ONEDNN_MAX_CPU_ISA}) as this process set
     * it or the user exported it, or null when neither did.
     */
    String nativeVariable(String name);

    /**
     * The C allocator the process's native memory, libtorch's tensors included, comes from: {@code jemalloc (PATH)}
     * where the launcher preloaded it ({@code DHAD_ALLOCATOR}), otherwise {@code system}.
     */
    String allocator();

    /**
     * Starts libtorch's operator profiler. Closing the returned scope stops it and writes the operators run
     * meanwhile on the thread that started it (the one checked: {@code dhad bench --profile}), with their start
     * and duration, as a Chrome trace (JSON, the format {@code torch.profiler} exports too) to {@code traceFile}.
     * One profile at a time in the process.
     *
     * @throws IOException when the trace file's folder does not exist or is not writable
     */
    OperatorProfile profileOperators(Path traceFile) throws IOException;

    /** A running operator profile; {@link #close()} writes its trace. */
    interface OperatorProfile extends AutoCloseable {
        @Override
        void close();
    }
}

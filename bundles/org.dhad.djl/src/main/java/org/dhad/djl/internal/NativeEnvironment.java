package org.dhad.djl.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.dhad.djl.CpuKernels;

import com.sun.jna.Library;
import com.sun.jna.Native;

/**
 * Environment variables that libtorch and the libraries inside it (oneDNN, OpenMP) read
 * once, when they load or first run. They are set in this process before the engine loads, so the
 * product, the workbench and the tests all get them; a value the user already exported wins.
 */
final class NativeEnvironment {

    /**
     * oneDNN's AVX-512 convolution kernels return input gradients read from memory they did not write for
     * convolutions larger than 1x1 whose output channel count is not a multiple of 16 (see
     * {@link org.dhad.djl.NarrowConvolutions}, which keeps the fast kernels from training such networks).
     * Capped at AVX2 the same steps repeat bit for bit, and AVX2 and AVX-512 machines run the same kernels.
     */
    static final String ONEDNN_ISA = "ONEDNN_MAX_CPU_ISA";

    /** The defaults this product sets for the given kernels, in the order they are applied. */
    static Map<String, String> defaults(CpuKernels kernels) {
        Map<String, String> values = new LinkedHashMap<>();
        if (kernels == CpuKernels.REPRODUCIBLE) {
            values.put(ONEDNN_ISA, "AVX2");
        }
        // A fixed OpenMP team: a dynamic one shrinks on a loaded machine and changes reduction order.
        values.put("OMP_DYNAMIC", "FALSE");
        values.put("MKL_DYNAMIC", "FALSE");
        if (kernels == CpuKernels.REPRODUCIBLE) {
            // Threads that sleep at barriers instead of spinning: with spinning, a 2-core machine running
            // anything else besides (a build, a second run) made the demo's epochs 3-4 times slower.
            values.put("OMP_WAIT_POLICY", "PASSIVE");
        }
        return values;
    }

    /** The C library's environment, since Java cannot change its own and its copy does not see changes. */
    private interface CLibrary extends Library {
        int setenv(String name, String value, int overwrite);

        String getenv(String name);
    }

    private NativeEnvironment() {
    }

    /**
     * Sets each default the process does not have yet. {@code DNNL_MAX_CPU_ISA} (oneDNN's older name)
     * counts as the user's choice of ISA.
     *
     * @return the variables this call set
     */
    static Map<String, String> apply(CpuKernels kernels) {
        Map<String, String> set = new LinkedHashMap<>();
        CLibrary c = Native.load("c", CLibrary.class);
        for (Map.Entry<String, String> entry : defaults(kernels).entrySet()) {
            String name = entry.getKey();
            boolean chosen = System.getenv(name) != null
                    || name.equals(ONEDNN_ISA) && System.getenv("DNNL_MAX_CPU_ISA") != null;
            if (!chosen && c.setenv(name, entry.getValue(), 0) == 0) {
                set.put(name, entry.getValue());
            }
        }
        return set;
    }

    /** The variable's value in this process now, including what {@link #apply} set. */
    static String value(String name) {
        return Native.load("c", CLibrary.class).getenv(name);
    }

    /**
     * The jemalloc library mapped into this process (the launchers preload it for {@code DHAD_ALLOCATOR}), read
     * from {@code /proc/self/maps}; empty where none is, or where the file does not exist (not Linux).
     */
    static Optional<String> preloadedAllocator() {
        try (Stream<String> maps = Files.lines(Path.of("/proc/self/maps"))) {
            return maps.map(line -> line.substring(line.lastIndexOf(' ') + 1))
                    .filter(file -> file.contains("/libjemalloc")).findFirst();
        } catch (IOException | UncheckedIOException e) {
            return Optional.empty();
        }
    }
}

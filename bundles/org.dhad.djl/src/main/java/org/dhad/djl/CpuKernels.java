package org.dhad.djl;

import java.util.Locale;

/**
 * Which CPU kernels libtorch may use, chosen once per process (oneDNN reads its ISA limit when it first runs).
 * {@link #REPRODUCIBLE} repeats a run bit for bit on any x86 processor; {@link #FAST} lets oneDNN use the
 * processor's widest vector instructions (AVX-512, AMX), which on AVX-512 processors gives up bit-identical
 * repeats: some of oneDNN's AVX-512 backward convolution kernels sum in an order that changes from run to run.
 */
public enum CpuKernels {

    /** oneDNN capped at AVX2 and OpenMP threads that sleep at barriers: the same run gives the same bits. */
    REPRODUCIBLE,

    /** oneDNN at the processor's widest ISA and OpenMP's own wait policy: PyTorch's defaults. */
    FAST;

    /** Framework or system property naming the kernels ({@code reproducible}, the default, or {@code fast}). */
    public static final String PROPERTY = "dhad.kernels";

    /**
     * The kernels a property value names; null or blank is {@link #REPRODUCIBLE}.
     *
     * @throws IllegalArgumentException naming the value and the accepted ones
     */
    public static CpuKernels parse(String value) {
        if (value == null || value.isBlank()) {
            return REPRODUCIBLE;
        }
        for (CpuKernels kernels : values()) {
            if (kernels.label().equals(value.trim().toLowerCase(Locale.ROOT))) {
                return kernels;
            }
        }
        throw new IllegalArgumentException(PROPERTY + " (DHAD_KERNELS) is '" + value
                + "'; expected 'reproducible' or 'fast'");
    }

    /** The name users write: {@code reproducible} or {@code fast}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}

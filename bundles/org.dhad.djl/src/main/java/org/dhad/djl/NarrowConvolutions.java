package org.dhad.djl;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import ai.djl.util.PairList;

/**
 * Convolutions whose input gradients oneDNN's AVX-512 kernels get wrong. In libtorch 2.7.1 (oneDNN 3.7.1) on
 * an AMD EPYC with AVX-512, the backward pass of a convolution with a kernel larger than 1x1 and an output
 * channel count that is not a multiple of 16 returned input gradients that changed from call to call with
 * whatever the memory held before, NaN among them (measured with 1 to 27 output channels off the multiples of
 * 16; 1x1 kernels, the forward pass and the weight gradients were exact, as was every multiple of 16). The
 * reproducible kernels cap oneDNN at AVX2, where the same convolutions are exact; the fast kernels are refused
 * for training such a network, instead of training it on garbage.
 */
public final class NarrowConvolutions {

    /** oneDNN's AVX-512 channel block: output channel counts that are multiples of it are safe. */
    public static final int CHANNEL_BLOCK = 16;

    /** oneDNN ISA names (ONEDNN_MAX_CPU_ISA) that keep it below AVX-512. */
    private static final Set<String> BELOW_AVX512 = Set.of("SSE41", "AVX", "AVX2", "AVX2_VNNI", "AVX2_VNNI_2");

    private NarrowConvolutions() {
    }

    /**
     * The convolution weights among {@code parameters} (4-D, output channels first, as PyTorch and DJL store them)
     * whose kernel is larger than 1x1 and whose output channel count is not a multiple of {@link #CHANNEL_BLOCK},
     * and whose input gradient a backward pass computes: those after a trainable parameter, frozen or not, taking
     * the parameters' order (a block's forward order) for the order of the data. The first convolution, which reads
     * the images, and convolutions before every trainable parameter are left out.
     *
     * @return each as {@code name (N output channels, KxK)}
     */
    public static List<String> inGradientPath(PairList<String, Parameter> parameters) {
        List<String> narrow = new ArrayList<>();
        boolean trainableBefore = false;
        for (Pair<String, Parameter> entry : parameters) {
            Parameter parameter = entry.getValue();
            if (!parameter.isInitialized()) {
                continue;
            }
            Shape shape = parameter.getArray().getShape();
            if (trainableBefore && shape.dimension() == 4 && shape.get(2) * shape.get(3) > 1
                    && shape.get(0) % CHANNEL_BLOCK != 0) {
                narrow.add(entry.getKey() + " (" + shape.get(0) + " output channels, " + shape.get(2) + "x"
                        + shape.get(3) + ")");
            }
            trainableBefore |= parameter.requiresGradient();
        }
        return narrow;
    }

    /** Whether this process's convolutions run oneDNN's AVX-512 kernels: the processor has them and no cap is set. */
    public static boolean affects(TorchRuntime runtime) {
        String isa = runtime.nativeVariable("ONEDNN_MAX_CPU_ISA");
        if (isa == null) {
            isa = runtime.nativeVariable("DNNL_MAX_CPU_ISA");
        }
        return affects(isa, processorHasAvx512());
    }

    static boolean affects(String isaCap, boolean processorHasAvx512) {
        return processorHasAvx512 && (isaCap == null || !BELOW_AVX512.contains(isaCap.trim().toUpperCase(Locale.ROOT)));
    }

    /**
     * The one message for a refused training run: the convolutions, what goes wrong and what to do.
     *
     * @param narrow names as {@link #inGradientPath} returns them, at least one
     */
    public static String problem(List<String> narrow) {
        String named = String.join(", ", narrow.subList(0, Math.min(3, narrow.size())))
                + (narrow.size() > 3 ? " and " + (narrow.size() - 3) + " more" : "");
        return "This process runs oneDNN's AVX-512 convolutions (DHAD_KERNELS=fast, or an exported "
                + "ONEDNN_MAX_CPU_ISA above AVX2), whose input gradients are wrong (NaN, or different on every call) "
                + "for kernels larger than 1x1 with an output channel count that is not a multiple of " + CHANNEL_BLOCK
                + " (libtorch 2.7.1): " + named + ". Train with DHAD_KERNELS=reproducible (the default: oneDNN "
                + "capped at AVX2), or give those convolutions a multiple of " + CHANNEL_BLOCK + " output channels.";
    }

    /** From {@code /proc/cpuinfo}'s flags; where that cannot be read, assumed (the check then errs on the safe side). */
    private static boolean processorHasAvx512() {
        Path cpuinfo = Path.of("/proc/cpuinfo");
        if (!Files.isReadable(cpuinfo)) {
            return true;
        }
        try (Stream<String> lines = Files.lines(cpuinfo)) {
            return lines.filter(line -> line.startsWith("flags"))
                    .findFirst()
                    .map(line -> (line + " ").contains(" avx512f "))
                    .orElse(true);
        } catch (IOException | java.io.UncheckedIOException e) {
            return true;
        }
    }
}

package org.dhad.djl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.dhad.djl.internal.StartedRuntime;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;

/** Which convolutions the fast kernels are refused for, and when. */
class NarrowConvolutionsTest {

    private static StartedRuntime started;

    @BeforeAll
    static void startEngine() throws InterruptedException {
        started = new StartedRuntime();
    }

    @AfterAll
    static void close() {
        started.close();
    }

    /**
     * A narrow convolution is named when a trainable parameter comes before it, whether it trains or not: the
     * backward pass then computes its input gradient. The first one (which reads the images), 1x1 kernels and
     * multiples of 16 never are.
     */
    @Test
    void namesNarrowConvolutionsTheBackwardPassGoesThrough() {
        SequentialBlock block = new SequentialBlock()
                .add(conv(8, 3))
                .add(conv(21, 1))
                .add(conv(32, 3))
                .add(conv(24, 3));
        try (NDManager manager = NDManager.newBaseManager()) {
            block.initialize(manager, DataType.FLOAT32, new Shape(1, 3, 8, 8));
            block.freezeParameters(false);
            List<String> narrow = NarrowConvolutions.inGradientPath(block.getParameters());
            assertEquals(1, narrow.size(), "narrow: " + narrow);
            assertTrue(narrow.get(0).endsWith("(24 output channels, 3x3)"), narrow.get(0));

            block.getChildren().get(3).getValue().freezeParameters(true);
            assertEquals(narrow, NarrowConvolutions.inGradientPath(block.getParameters()),
                    "frozen, but after trainable ones: its input gradient is still computed");

            block.freezeParameters(true);
            block.getChildren().get(3).getValue().freezeParameters(false);
            assertTrue(NarrowConvolutions.inGradientPath(block.getParameters()).isEmpty(),
                    "only the last trains: the backward pass stops at its weight");
        }
    }

    @Test
    void onlyUncappedAvx512IsAffected() {
        assertTrue(NarrowConvolutions.affects(null, true));
        assertTrue(NarrowConvolutions.affects("AVX512_CORE", true));
        assertTrue(NarrowConvolutions.affects("AVX10_1_512_AMX", true));
        assertFalse(NarrowConvolutions.affects("AVX2", true));
        assertFalse(NarrowConvolutions.affects(" avx2 ", true), "oneDNN reads the name in any case");
        assertFalse(NarrowConvolutions.affects("SSE41", true));
        assertFalse(NarrowConvolutions.affects(null, false), "a processor without AVX-512");
        // this test process runs the reproducible kernels: capped unless the user exported another cap
        TorchRuntime runtime = started.runtime();
        if (runtime.kernels() == CpuKernels.REPRODUCIBLE && System.getenv("ONEDNN_MAX_CPU_ISA") == null
                && System.getenv("DNNL_MAX_CPU_ISA") == null) {
            assertFalse(NarrowConvolutions.affects(runtime), "the reproducible kernels' AVX2 cap");
        }
    }

    @Test
    void theProblemNamesTheConvolutionsAndTheWayOut() {
        String problem = NarrowConvolutions.problem(List.of("a (8 output channels, 3x3)", "b", "c", "d", "e"));
        assertTrue(problem.contains("a (8 output channels, 3x3), b, c and 2 more"), problem);
        assertTrue(problem.contains("DHAD_KERNELS=reproducible"), problem);
        assertTrue(problem.contains("multiple of 16"), problem);
    }

    private static Conv2d conv(int filters, int kernel) {
        return Conv2d.builder().setKernelShape(new Shape(kernel, kernel)).setFilters(filters).build();
    }
}

package org.dhad.djl.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;


import org.dhad.djl.CpuKernels;
import org.dhad.djl.PointwiseConvolution;
import org.dhad.djl.TorchRuntime;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.pytorch.jni.LibUtils;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;

/** Runs libtorch inside Equinox, found through the DS service, with no network. */
class PyTorchRuntimeTest {

    private static StartedRuntime started;
    private static TorchRuntime runtime;

    @BeforeAll
    static void startEngine() throws InterruptedException {
        started = new StartedRuntime();
        runtime = started.runtime();
    }

    @AfterAll
    static void close() {
        started.close();
    }

    @Test
    void engineIsPyTorch271Offline() {
        assertEquals("PyTorch", runtime.engine().getEngineName(), "engine name");
        assertEquals("2.7.1", runtime.libtorchVersion(), "libtorch version");
        assertTrue(!runtime.online(), "offline by default");
        assertEquals("true", System.getProperty("ai.djl.offline"), "DJL offline flag");
        assertTrue(runtime.threads() >= 1, "libtorch threads");
    }

    @Test
    void nnpackIsOffSoLibtorchDoesNotWarnAtEveryConvolution() {
        LibtorchContext context = new LibtorchContext(java.nio.file.Path.of(LibUtils.getLibtorchPath()));
        assertFalse(context.nnpackEnabled(), "NNPACK switched off in at::globalContext()");
    }

    @Test
    void tensorArithmetic() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray a = manager.create(new float[] {1, 2, 3, 4}, new Shape(2, 2));
            NDArray b = manager.create(new float[] {5, 6, 7, 8}, new Shape(2, 2));
            assertArrayEquals(new float[] {19, 22, 43, 50}, a.matMul(b).toFloatArray(), 0f, "matmul");
            assertArrayEquals(new float[] {6, 8, 10, 12}, a.add(b).toFloatArray(), 0f, "add");
            assertEquals("PyTorch", manager.getEngine().getEngineName(), "default engine");
        }
    }

    @Test
    void oneOptimiserStepMovesWeightsDownhill() {
        Block net = Linear.builder().setUnits(1).build();
        try (Model model = Model.newInstance("step")) {
            model.setBlock(net);
            DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.l2Loss())
                    .optOptimizer(Optimizer.sgd().setLearningRateTracker(Tracker.fixed(0.1f)).build());
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(new Shape(4, 2));
                NDManager manager = trainer.getManager();
                NDArray x = manager.create(new float[] {1, 0, 0, 1, 1, 1, 2, 1}, new Shape(4, 2));
                NDArray y = manager.create(new float[] {1, 2, 3, 4}, new Shape(4, 1));
                float before = loss(trainer, x, y);
                Parameter weight = net.getParameters().get("weight");
                float[] w0 = weight.getArray().toFloatArray();
                try (GradientCollector collector = trainer.newGradientCollector()) {
                    NDArray prediction = trainer.forward(new NDList(x)).singletonOrThrow();
                    collector.backward(trainer.getLoss().evaluate(new NDList(y), new NDList(prediction)));
                }
                trainer.step();
                float[] w1 = weight.getArray().toFloatArray();
                float after = loss(trainer, x, y);
                assertTrue(w0[0] != w1[0] || w0[1] != w1[1], "weights changed by the step");
                assertTrue(after < before, "loss fell from " + before + " to " + after);
            }
        }
    }

    /**
     * Narrow convolutions (8 and 24 channels, not multiples of 16) forward and backward five times on the
     * same input: the gradients must be finite and equal bit for bit. oneDNN's AVX-512 kernels failed
     * this (NaN or differing gradients) until the runtime capped oneDNN at AVX2 before libtorch loaded.
     */
    @Test
    void kernelsAreReproducibleByDefaultWithOneDnnCappedAtAvx2() {
        assertEquals(CpuKernels.REPRODUCIBLE, runtime.kernels(), "no dhad.kernels property is set in the tests");
        String exported = System.getenv("ONEDNN_MAX_CPU_ISA"); // the user's export wins over the cap
        assertEquals(exported == null ? "AVX2" : exported, runtime.nativeVariable("ONEDNN_MAX_CPU_ISA"));
        assertEquals(System.getenv("OMP_WAIT_POLICY") == null ? "PASSIVE" : System.getenv("OMP_WAIT_POLICY"),
                runtime.nativeVariable("OMP_WAIT_POLICY"));
    }

    @Test
    void fastKernelsLeaveTheIsaAndWaitPolicyToTheLibraries() {
        assertEquals(java.util.Map.of("OMP_DYNAMIC", "FALSE", "MKL_DYNAMIC", "FALSE"),
                NativeEnvironment.defaults(CpuKernels.FAST));
        assertEquals("AVX2", NativeEnvironment.defaults(CpuKernels.REPRODUCIBLE).get("ONEDNN_MAX_CPU_ISA"));
        assertEquals(CpuKernels.FAST, CpuKernels.parse(" Fast "));
        assertEquals(CpuKernels.REPRODUCIBLE, CpuKernels.parse(null));
        IllegalArgumentException refused = org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class, () -> CpuKernels.parse("quick"));
        assertEquals("dhad.kernels (DHAD_KERNELS) is 'quick'; expected 'reproducible' or 'fast'",
                refused.getMessage());
    }

    @Test
    void narrowConvolutionGradientsRepeatExactly() {
        float[] first = null;
        for (int repeat = 0; repeat < 5; repeat++) {
            float[] gradients = convolutionGradients();
            for (float g : gradients) {
                assertTrue(Float.isFinite(g), "gradient is finite in repeat " + repeat);
            }
            if (first == null) {
                first = gradients;
            } else {
                assertArrayEquals(first, gradients, 0f, "repeat " + repeat + " gives the first repeat's gradients");
            }
        }
    }

    private static float[] convolutionGradients() {
        try (NDManager manager = NDManager.newBaseManager()) {
            float[] data = new float[4 * 3 * 32 * 32];
            for (int i = 0; i < data.length; i++) {
                data[i] = (float) Math.sin(0.37 * i);
            }
            NDArray x = manager.create(data, new Shape(4, 3, 32, 32));
            NDArray w1 = manager.arange(8 * 3 * 7 * 7).toType(ai.djl.ndarray.types.DataType.FLOAT32, false)
                    .mul(0.37f).sin().mul(0.1f).reshape(8, 3, 7, 7);
            NDArray w2 = manager.arange(24 * 8 * 3 * 3).toType(ai.djl.ndarray.types.DataType.FLOAT32, false)
                    .mul(0.11f).cos().mul(0.1f).reshape(24, 8, 3, 3);
            NDArray w3 = manager.arange(8 * 24 * 1 * 1).toType(ai.djl.ndarray.types.DataType.FLOAT32, false)
                    .mul(0.23f).sin().mul(0.1f).reshape(8, 24, 1, 1);
            for (NDArray w : new NDArray[] {x, w1, w2, w3}) {
                w.setRequiresGradient(true);
            }
            try (GradientCollector collector = runtime.engine().newGradientCollector()) {
                NDArray h = relu(Conv2d.conv2d(x, w1, null, new Shape(2, 2), new Shape(3, 3), new Shape(1, 1), 1));
                h = relu(Conv2d.conv2d(h, w2, null, new Shape(2, 2), new Shape(1, 1), new Shape(1, 1), 1));
                h = Conv2d.conv2d(h, w3, null, new Shape(1, 1), new Shape(0, 0), new Shape(1, 1), 1).singletonOrThrow();
                collector.backward(h.square().mean());
            }
            NDList all = new NDList(x.getGradient().flatten(), w1.getGradient().flatten(),
                    w2.getGradient().flatten(), w3.getGradient().flatten());
            return NDArrays.concat(all).toFloatArray();
        }
    }

    /** The matrix-product 1x1 convolution gives Conv2d's outputs and gradients, with the same parameters. */
    @Test
    void pointwiseConvolutionMatchesConv2d() {
        PointwiseConvolution block = new PointwiseConvolution(3);
        try (Model model = Model.newInstance("pointwise")) {
            model.setBlock(block);
            try (Trainer trainer = model.newTrainer(new DefaultTrainingConfig(Loss.l2Loss()))) {
                trainer.initialize(new Shape(2, 5, 4, 6));
                NDManager manager = trainer.getManager();
                NDArray x = manager.arange(2 * 5 * 4 * 6).toType(ai.djl.ndarray.types.DataType.FLOAT32, false)
                        .mul(0.3f).sin().reshape(2, 5, 4, 6);
                NDArray weight = block.getParameters().get("weight").getArray();
                NDArray bias = block.getParameters().get("bias").getArray();
                assertEquals(new Shape(3, 5, 1, 1), weight.getShape(), "Conv2d's weight shape");
                float[] ours;
                float[] oursGrad;
                try (GradientCollector collector = trainer.newGradientCollector()) {
                    NDArray y = trainer.forward(new NDList(x)).singletonOrThrow();
                    ours = y.toFloatArray();
                    collector.backward(y.sin().sum());
                }
                oursGrad = weight.getGradient().toFloatArray();
                NDArray w = weight.duplicate();
                w.setRequiresGradient(true);
                try (GradientCollector collector = runtime.engine().newGradientCollector()) {
                    NDArray y = Conv2d.conv2d(x, w, bias.duplicate(), new Shape(1, 1), new Shape(0, 0),
                            new Shape(1, 1), 1).singletonOrThrow();
                    assertArrayEquals(y.toFloatArray(), ours, 1e-5f, "outputs");
                    collector.backward(y.sin().sum());
                }
                assertArrayEquals(w.getGradient().toFloatArray(), oursGrad, 1e-4f, "weight gradients");
            }
        }
    }

    private static NDArray relu(NDList x) {
        return Activation.relu(x.singletonOrThrow());
    }

    private static float loss(Trainer trainer, NDArray x, NDArray y) {
        NDArray prediction = trainer.evaluate(new NDList(x)).singletonOrThrow();
        return trainer.getLoss().evaluate(new NDList(y), new NDList(prediction)).getFloat();
    }
}

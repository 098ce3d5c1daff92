package org.dhad.djl.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;

import org.dhad.djl.TorchRuntime;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
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

    private static ServiceTracker<TorchRuntime, TorchRuntime> tracker;
    private static TorchRuntime runtime;

    @BeforeAll
    static void startEngine() throws InterruptedException {
        BundleContext context = FrameworkUtil.getBundle(PyTorchRuntimeTest.class).getBundleContext();
        tracker = new ServiceTracker<>(context, TorchRuntime.class, null);
        tracker.open();
        runtime = tracker.waitForService(TimeUnit.SECONDS.toMillis(60));
        assertNotNull(runtime, "TorchRuntime service not registered within 60 s: the engine did not start");
    }

    @AfterAll
    static void close() {
        tracker.close();
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

    private static float loss(Trainer trainer, NDArray x, NDArray y) {
        NDArray prediction = trainer.evaluate(new NDList(x)).singletonOrThrow();
        return trainer.getLoss().evaluate(new NDList(y), new NDList(prediction)).getFloat();
    }
}

package org.dhad.engine.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataOutputStream;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Loading a parameters file into an initialised network: the file's values, the initial arrays released, and the
 * loaded weights' memory released when the network closes.
 */
class CheckpointsTest {

    private static EngineServices services;

    @TempDir
    Path folder;

    @BeforeAll
    static void start() throws Exception {
        services = new EngineServices(); // the engine bundle's libtorch
    }

    @AfterAll
    static void stop() {
        services.close();
    }

    @Test
    void loadingReleasesTheInitialisedArraysItReplaces() throws Exception {
        try (NDManager manager = NDManager.newBaseManager()) {
            Scale saved = new Scale();
            saved.initialize(manager, DataType.FLOAT32, new Shape(1, 256));
            Path file = folder.resolve("scale.params");
            try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(file))) {
                saved.saveParameters(out);
            }
            Scale loaded = new Scale();
            loaded.initialize(manager, DataType.FLOAT32, new Shape(1, 256));
            NDArray initial = loaded.weight.getArray();
            assertFalse(initial.isReleased(), "the initialised array is live before loading");

            Checkpoints.loadParameters(file, loaded, manager);

            assertArrayEquals(saved.weight.getArray().toFloatArray(), loaded.weight.getArray().toFloatArray(),
                    "loaded values");
            // a second copy of every weight would otherwise stay in the model's manager until the model closes
            assertTrue(initial.isReleased(), "the replaced initial array is released");
        }
    }

    @Test
    void closingANetworkReleasesTheMemoryOfTheWeightsItLoaded() throws Exception {
        BufferPoolMXBean direct = ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
                .filter(pool -> pool.getName().equals("direct")).findFirst().orElseThrow();
        int side = 2048; // 16 MB of weights: far above the direct buffers anything else in this JVM holds
        long weightBytes = 4L * side * side;
        Path file = folder.resolve("scale.params");
        try (NDManager manager = NDManager.newBaseManager()) {
            Scale saved = new Scale(side);
            saved.initialize(manager, DataType.FLOAT32, new Shape(1, side));
            try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(file))) {
                saved.saveParameters(out);
            }
        }
        Model model = Model.newInstance("scale");
        Scale network = new Scale(side);
        model.setBlock(network);
        network.initialize(model.getNDManager(), DataType.FLOAT32, new Shape(1, side));
        Checkpoints.loadParameters(file, network, model.getNDManager());
        long loaded = direct.getMemoryUsed();
        // the premise: DJL's PyTorch engine keeps a decoded array in the direct buffer it was decoded into
        assertTrue(loaded >= weightBytes, "loaded weights in direct buffers: " + loaded + " bytes");

        new NetworkBuilder.Built(model, null).close();

        // the collection makes the buffers unreachable at once; the JDK's cleaner thread frees them right after
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (direct.getMemoryUsed() > loaded - weightBytes / 2 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertTrue(direct.getMemoryUsed() <= loaded - weightBytes / 2, "direct memory after closing: "
                + direct.getMemoryUsed() + " bytes, " + loaded + " with the network open; expected the "
                + weightBytes + " bytes of its weights released");
    }

    /** One square weight: enough for DJL's own parameter format and the replacement on load. */
    private static final class Scale extends AbstractBlock {
        final Parameter weight;

        Scale() {
            this(256);
        }

        Scale(int side) {
            weight = addParameter(Parameter.builder().setName("weight").setType(Parameter.Type.WEIGHT)
                    .optShape(new Shape(side, side)).build());
        }

        @Override
        protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                PairList<String, Object> params) {
            return new NDList(inputs.singletonOrThrow().matMul(store.getValue(weight, inputs.head().getDevice(),
                    training)));
        }

        @Override
        public Shape[] getOutputShapes(Shape[] inputShapes) {
            return inputShapes;
        }
    }
}

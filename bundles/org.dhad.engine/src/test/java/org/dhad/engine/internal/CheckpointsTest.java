package org.dhad.engine.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/** Loading a parameters file into an initialised network: the file's values, and the initial arrays released. */
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

    /** One 256x256 weight: enough for DJL's own parameter format and the replacement on load. */
    private static final class Scale extends AbstractBlock {
        final Parameter weight = addParameter(Parameter.builder().setName("weight").setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(256, 256)).build());

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

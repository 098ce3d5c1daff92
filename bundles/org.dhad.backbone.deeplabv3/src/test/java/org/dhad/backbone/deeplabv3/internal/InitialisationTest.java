package org.dhad.backbone.deeplabv3.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;

/**
 * Initial weights as PyTorch gives them: the ResNet trunk's convolutions Kaiming-normal with fan-out (torchvision's
 * ResNet), every convolution of the class head (ASPP, DeepLabHead) and of the outlier head uniform in
 * ±1/√fan_in, bias included (a new {@code nn.Conv2d}). Kaiming fan-out over the heads' single output
 * channel made the outlier logits start at magnitudes of tens on real features.
 */
class InitialisationTest {

    /** Tensors at least this large have a sample standard deviation within a few percent of the true one. */
    private static final long LARGE = 2000;
    private static Services services;

    @BeforeAll
    static void start() throws Exception {
        services = new Services();
    }

    @AfterAll
    static void stop() {
        services.close();
    }

    @Test
    void trunkIsKaimingFanOutAndHeadsAreUniformFanIn() throws Exception {
        Engine.getInstance().setRandomSeed(11);
        DeepLabV3Network net = services.create(Map.of("depth", "18", "width", "0.5", "classes", "3"));
        try (NDManager manager = NDManager.newBaseManager()) {
            net.initialize(manager, new Shape(1, 3, 64, 64));
            Map<String, Parameter> parameters = net.block().getParameters().toMap();
            int trunk = 0;
            int heads = 0;
            int biases = 0;
            for (Map.Entry<String, Parameter> entry : parameters.entrySet()) {
                String name = entry.getKey();
                NDArray values = entry.getValue().getArray();
                Shape shape = values.getShape();
                boolean head = name.startsWith("classifier_") || name.startsWith("outlier_");
                if (entry.getValue().getType() == Parameter.Type.WEIGHT && shape.dimension() == 4) {
                    long kernel = shape.get(2) * shape.get(3);
                    if (head) {
                        assertUniform(name, values, 1 / Math.sqrt(shape.get(1) * kernel));
                        heads++;
                    } else if (values.size() >= LARGE) {
                        assertNormal(name, values, Math.sqrt(2.0 / (shape.get(0) * kernel)));
                        trunk++;
                    }
                } else if (head && entry.getValue().getType() == Parameter.Type.BIAS) {
                    Parameter weight = parameters.get(name.substring(0, name.length() - "bias".length()) + "weight");
                    assertNotNull(weight, name + ": no convolution weight beside it");
                    Shape w = weight.getArray().getShape();
                    assertUniform(name, values, 1 / Math.sqrt(w.size() / w.get(0)));
                    biases++;
                }
            }
            // ResNet-18: 20 convolutions, most above LARGE; ASPP 4 branches + pooling + projection, the 3x3,
            // the final class convolution and the outlier head's
            assertTrue(trunk >= 15, "trunk convolutions checked: " + trunk);
            assertEquals(9, heads, "head convolutions checked");
            assertEquals(2, biases, "final class and outlier convolution biases");
        }
    }

    /** Within ±bound, and (when large enough to tell) spread as a uniform distribution on it: std bound/√3. */
    private static void assertUniform(String name, NDArray values, double bound) {
        float max = values.abs().max().getFloat();
        assertTrue(max <= bound * (1 + 1e-6), name + ": max |value| " + max + " exceeds 1/sqrt(fan_in) = " + bound);
        assertTrue(max > 0, name + ": all zero");
        if (values.size() >= LARGE) {
            double std = std(values);
            double expected = bound / Math.sqrt(3);
            assertTrue(Math.abs(std / expected - 1) < 0.1, name + ": std " + std + ", uniform ±" + bound + " has "
                    + expected);
        }
    }

    private static void assertNormal(String name, NDArray values, double expected) {
        double std = std(values);
        assertTrue(Math.abs(std / expected - 1) < 0.1, name + " " + values.getShape() + ": std " + std
                + ", Kaiming fan-out gives " + expected);
        double mean = values.mean().getFloat();
        assertTrue(Math.abs(mean) < 5 * expected / Math.sqrt(values.size()), name + ": mean " + mean);
    }

    private static double std(NDArray values) {
        NDArray centred = values.sub(values.mean());
        return Math.sqrt(centred.square().mean().getFloat());
    }
}

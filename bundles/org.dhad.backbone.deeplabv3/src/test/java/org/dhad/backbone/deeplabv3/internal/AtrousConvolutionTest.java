package org.dhad.backbone.deeplabv3.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;

/**
 * The atrous convolution with the taps that only meet padding left out is the full convolution: same outputs
 * and same gradients for the input and every weight (zero for the taps left out), on square and oblong maps,
 * with and without bias, where taps are left out on one axis, both or neither.
 */
class AtrousConvolutionTest {

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
    void rateAtLeastTheMapSizeIsTheCentreTap() {
        compare(36, 32, 32, false); // the ASPP's rate-36 branch at 256 px
        compare(12, 12, 12, true); // all three branches of the demo (96 px)
    }

    @Test
    void oneAxisOnlyAndNothingLeftOut() {
        compare(12, 8, 40, false); // rows lose their outer taps, columns keep them
        compare(12, 20, 20, true); // the outer taps meet 8 rows and columns: kept
        compare(12, 32, 32, false); // nothing left out: the full convolution runs
    }

    /**
     * The channels-last path on this network's own shapes (ResNet-50 stages 3 and 4, the ASPP at 256 px): oneDNN
     * 3.7.1 has shape-dependent faults on channels-last inputs (see {@code AtrousConvolution#channelsLast}).
     */
    @Test
    void channelsLastMatchesOnTheNetworksShapes() {
        compare(2, 256, 256, 2, 32, 32, false); // layer3 conv2
        compare(2, 512, 512, 4, 32, 32, false); // layer4 conv2
        compare(2, 2048, 256, 12, 32, 32, false); // ASPP rate 12
        compare(2, 2048, 256, 24, 32, 32, false); // ASPP rate 24
    }

    @Test
    void onlyDilatedConvolutionsWithAKernelAreAtrous() {
        assertInstanceOf(AtrousConvolution.class, Convolutions.conv(8, 3, 1, 12, false));
        assertEquals(Conv2d.class, Convolutions.conv(8, 3, 1, 1, false).getClass());
        assertEquals(Conv2d.class, Convolutions.conv(8, 1, 1, 1, false).getClass());
    }

    /**
     * Each path leaves its output open and nothing else: an intermediate left open (a view keeps its buffer) would
     * hold a copy as large as the activation until the step's manager closes, or a view of the weight until the
     * model closes.
     */
    @Test
    void leavesOnlyItsOutputOpen() {
        for (int rate : new int[] {2, 12}) { // all taps channels-last; taps left out
            for (int mode = 0; mode < 3; mode++) { // frozen (scoring's copies); trainable; input with a gradient
                boolean gradient = mode == 2;
                try (NDManager manager = NDManager.newBaseManager(); NDManager step = NDManager.newBaseManager()) {
                    AtrousConvolution block = (AtrousConvolution) Convolutions.conv(8, 3, 1, rate, false);
                    Shape inputShape = new Shape(2, 4, 12, 12);
                    block.initialize(manager, DataType.FLOAT32, inputShape);
                    block.freezeParameters(mode == 0);
                    NDArray x = step.randomNormal(inputShape);
                    x.setRequiresGradient(gradient);
                    int model = manager.getManagedArrays().size();
                    NDArray y = block.forward(new ParameterStore(manager, false), new NDList(x), false)
                            .singletonOrThrow();
                    String what = "rate " + rate + new String[] {", frozen", ", trainable", ", input with gradient"}[mode];
                    assertEquals(2, step.getManagedArrays().size(), what + ": input and output open in the step, not "
                            + step.getManagedArrays());
                    assertEquals(model, manager.getManagedArrays().size(), what + ": arrays of the model");
                    assertEquals(new Shape(2, 8, 12, 12), y.getShape(), what + ": output shape");
                }
            }
        }
    }

    /**
     * Branches that read one input (the ASPP's dilated ones) convolve one channels-last copy of it: outputs and
     * gradients are those of the branches run apart, and only the input and the output stay open.
     */
    @Test
    void branchesShareOneChannelsLastCopyOfTheirInput() {
        try (NDManager manager = NDManager.newBaseManager(); NDManager step = NDManager.newBaseManager()) {
            manager.getEngine().setRandomSeed(11);
            ConcatBranches branches = new ConcatBranches().add("0", Convolutions.conv(6, 3, 1, 2, false))
                    .add("1", Convolutions.conv(5, 3, 1, 3, false));
            Shape inputShape = new Shape(2, 4, 12, 12);
            branches.initialize(manager, DataType.FLOAT32, inputShape);
            NDArray x = step.randomNormal(inputShape);
            NDArray upstream = step.randomNormal(new Shape(2, 11, 12, 12));
            x.setRequiresGradient(true);
            NDArray shared;
            try (GradientCollector collector = manager.getEngine().newGradientCollector()) {
                shared = branches.forward(new ParameterStore(manager, false), new NDList(x), true).singletonOrThrow();
                assertEquals(3, step.getManagedArrays().size(), "input, upstream and output open, not "
                        + step.getManagedArrays());
                collector.backward(shared.mul(upstream).sum());
            }
            NDArray sharedInput = x.getGradient().duplicate();
            NDArray[] sharedWeights = new NDArray[2];
            for (int i = 0; i < 2; i++) {
                NDArray gradient = weight(branches, i).getGradient();
                sharedWeights[i] = gradient.duplicate();
                gradient.subi(sharedWeights[i]); // zero, for the branches apart
            }
            NDList apart = new NDList();
            NDArray x2 = x.duplicate();
            x2.setRequiresGradient(true);
            try (GradientCollector collector = manager.getEngine().newGradientCollector()) {
                for (int i = 0; i < 2; i++) {
                    apart.add(branches.getChildren().get(i).getValue()
                            .forward(new ParameterStore(manager, false), new NDList(x2), true).singletonOrThrow());
                }
                collector.backward(NDArrays.concat(apart, 1).mul(upstream).sum());
            }
            assertClose(NDArrays.concat(apart, 1), shared, "output");
            assertClose(x2.getGradient(), sharedInput, "input gradient");
            for (int i = 0; i < 2; i++) {
                assertClose(weight(branches, i).getGradient(), sharedWeights[i], "weight gradient of branch " + i);
            }
        }
    }

    private static NDArray weight(ConcatBranches branches, int branch) {
        return branches.getChildren().get(branch).getValue().getParameters().get("weight").getArray();
    }

    @Test
    void oneCopyPerInputAndKind() {
        try (NDManager manager = NDManager.newBaseManager(); ChannelsLastCopies copies = new ChannelsLastCopies()) {
            NDArray a = manager.randomNormal(new Shape(2, 4, 6, 6));
            NDArray b = a.duplicate();
            NDArray copy = copies.of(a, false);
            assertSame(copy, copies.of(a, false), "the same input again");
            assertNotSame(copy, copies.of(b, false), "an equal input that is another array");
            assertNotSame(copy, copies.of(a, true), "the copy made where no gradient flows");
            assertArrayEquals(a.toFloatArray(), copy.toFloatArray(), 0f, "values unchanged");
            assertNull(ChannelsLastCopies.in(null), "no copies outside a sharing block");
            assertSame(copies, ChannelsLastCopies.in(copies.addTo(null)), "handed down in the parameters");
        }
    }

    private static void compare(int rate, int height, int width, boolean bias) {
        compare(2, 4, 5, rate, height, width, bias);
    }

    private static void compare(int batch, int channels, int filters, int rate, int height, int width,
            boolean bias) {
        try (NDManager manager = NDManager.newBaseManager()) {
            manager.getEngine().setRandomSeed(rate * 1000 + height * 10 + width);
            AtrousConvolution block = (AtrousConvolution) Convolutions.conv(filters, 3, 1, rate, bias);
            Shape inputShape = new Shape(batch, channels, height, width);
            block.initialize(manager, DataType.FLOAT32, inputShape);
            NDArray weight = block.getParameters().get("weight").getArray();
            NDArray b = bias ? block.getParameters().get("bias").getArray() : null;
            NDArray x = manager.randomNormal(inputShape);
            NDArray upstream = manager.randomNormal(new Shape(batch, filters, height, width));

            x.setRequiresGradient(true);
            NDArray fast;
            try (GradientCollector collector = manager.getEngine().newGradientCollector()) {
                fast = block.forward(new ParameterStore(manager, false), new NDList(x), true).singletonOrThrow();
                collector.backward(fast.mul(upstream).sum());
            }
            NDArray fastInput = x.getGradient().duplicate();
            NDArray fastWeight = weight.getGradient().duplicate();
            // frozen and fed a constant, as in scoring, it copies to and from channels-last another way: the same
            // values exactly
            block.freezeParameters(true);
            NDArray scored = block.forward(new ParameterStore(manager, false), new NDList(x.stopGradient()), false)
                    .singletonOrThrow();
            assertArrayEquals(fast.toFloatArray(), scored.toFloatArray(), 0f, "scoring's output");

            NDArray x2 = x.duplicate();
            x2.setRequiresGradient(true);
            NDArray w2 = weight.duplicate();
            w2.setRequiresGradient(true);
            NDArray full;
            try (GradientCollector collector = manager.getEngine().newGradientCollector()) {
                full = Conv2d.conv2d(x2, w2, b, new Shape(1, 1), new Shape(rate, rate), new Shape(rate, rate), 1)
                        .singletonOrThrow();
                collector.backward(full.mul(upstream).sum());
            }
            String what = channels + " to " + filters + " channels, rate " + rate + " on " + height + "x" + width;
            assertEquals(full.getShape(), fast.getShape(), what + ": output shape");
            assertClose(full, fast, what + ": output");
            assertClose(x2.getGradient(), fastInput, what + ": input gradient");
            assertClose(w2.getGradient(), fastWeight, what + ": weight gradient");
            if (height <= rate) {
                NDArray outerRows = fastWeight.get(new NDIndex(":, :, 0, :")).abs().sum()
                        .add(fastWeight.get(new NDIndex(":, :, 2, :")).abs().sum());
                assertEquals(0f, outerRows.getFloat(), what + ": taps left out get no gradient");
            }
        }
    }

    private static void assertClose(NDArray expected, NDArray actual, String what) {
        float scale = Math.max(1f, expected.abs().max().getFloat());
        float difference = expected.sub(actual).abs().max().getFloat();
        assertTrue(difference <= 1e-5f * scale, what + " differs by " + difference + " (scale " + scale + ")");
    }
}

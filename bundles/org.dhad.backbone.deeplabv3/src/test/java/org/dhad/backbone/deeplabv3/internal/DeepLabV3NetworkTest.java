package org.dhad.backbone.deeplabv3.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.dhad.api.PluginException;
import org.dhad.api.Settings;
import org.dhad.api.training.ParameterGroup;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Convolution;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;

/**
 * Architecture of the {@code deeplabv3} network: service, parameter counts and names, shapes, groups,
 * saving and loading.
 */
class DeepLabV3NetworkTest {

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
    void registeredAsBackboneServiceWithSettings() {
        assertEquals("deeplabv3", services.backbone().id(), "id");
        assertEquals(List.of("depth", "output-stride", "classes", "width"),
                services.backbone().settings().stream().map(s -> s.key()).toList(), "setting keys");
        assertTrue(Settings.defaults(services.backbone()).validate().isEmpty(), "defaults are valid");
    }

    @Test
    void rejectsInvalidSettings() {
        PluginException e = assertThrows(PluginException.class,
                () -> services.create(Map.of("depth", "34")), "depth 34 is not offered");
        assertTrue(e.getMessage().contains("depth") && e.getMessage().contains("34"), e.getMessage());
    }

    /**
     * torchvision's deeplabv3_resnet50 publishes 42,004,074 parameters with its aux classifier
     * (FCNHead(1024, 21): 2,359,296 + 512 + 5,397 = 2,365,205), so 39,638,869 without it:
     * ResNet-50 without fc 23,508,032, ASPP 15,535,104, 3x3 conv 589,824, BN 512, 1x1 conv 5,397.
     */
    @Test
    void resnet50HasTorchvisionParameterCounts() throws PluginException {
        DeepLabV3Network net = services.create(Map.of());
        try (NDManager manager = NDManager.newBaseManager()) {
            net.initialize(manager, new Shape(1, 3, 64, 64));
            Map<ParameterGroup, Long> counts = trainableCounts(net);
            assertEquals(23_508_032L, counts.get(ParameterGroup.BACKBONE), "ResNet-50 without fc");
            assertEquals(15_535_104L, counts.get(ParameterGroup.CONTEXT), "ASPP");
            assertEquals(589_824L, counts.get(ParameterGroup.CLASS_HEAD), "3x3 conv");
            assertEquals(512L + 256 * 21 + 21, counts.get(ParameterGroup.CLASS_HEAD_FINAL), "class BN + 1x1 conv");
            assertEquals(512L + 256 + 1, counts.get(ParameterGroup.OUTLIER_HEAD_FINAL), "outlier BN + 1x1 conv");
            long segmentation = counts.values().stream().mapToLong(Long::longValue).sum()
                    - counts.get(ParameterGroup.OUTLIER_HEAD_FINAL);
            assertEquals(39_638_869L, segmentation, "deeplabv3_resnet50 without aux classifier");

            Map<String, Parameter> p = net.block().getParameters().toMap();
            assertShape(p, "backbone_conv1_weight", 64, 3, 7, 7);
            assertShape(p, "backbone_bn1_runningMean", 64);
            assertShape(p, "backbone_layer1_0_downsample_0_weight", 256, 64, 1, 1);
            assertShape(p, "backbone_layer2_0_conv2_weight", 128, 128, 3, 3);
            assertShape(p, "backbone_layer4_2_conv3_weight", 2048, 512, 1, 1);
            assertShape(p, "backbone_layer4_2_bn3_gamma", 2048);
            assertShape(p, "classifier_0_convs_0_0_weight", 256, 2048, 1, 1);
            assertShape(p, "classifier_0_convs_3_0_weight", 256, 2048, 3, 3);
            assertShape(p, "classifier_0_convs_4_1_weight", 256, 2048, 1, 1);
            assertShape(p, "classifier_0_convs_4_2_runningVar", 256);
            assertShape(p, "classifier_0_project_0_weight", 256, 1280, 1, 1);
            assertShape(p, "classifier_1_weight", 256, 256, 3, 3);
            assertShape(p, "classifier_2_beta", 256);
            assertShape(p, "classifier_4_weight", 21, 256, 1, 1);
            assertShape(p, "classifier_4_bias", 21);
            assertShape(p, "outlier_0_gamma", 256);
            assertShape(p, "outlier_2_weight", 1, 256, 1, 1);
            assertShape(p, "outlier_2_bias", 1);
            assertFalse(p.containsKey("classifier_1_bias"), "the 3x3 conv has no bias");
        }
    }

    /** torchvision's deeplabv3_resnet101: 60,996,202 with aux classifier, 58,630,997 without. */
    @Test
    void resnet101HasTorchvisionParameterCount() throws PluginException {
        DeepLabV3Network net = services.create(Map.of("depth", "101"));
        try (NDManager manager = NDManager.newBaseManager()) {
            net.initialize(manager, new Shape(1, 3, 32, 32));
            Map<ParameterGroup, Long> counts = trainableCounts(net);
            assertEquals(42_500_160L, counts.get(ParameterGroup.BACKBONE), "ResNet-101 without fc");
            long segmentation = counts.values().stream().mapToLong(Long::longValue).sum()
                    - counts.get(ParameterGroup.OUTLIER_HEAD_FINAL);
            assertEquals(58_630_997L, segmentation, "deeplabv3_resnet101 without aux classifier");
        }
    }

    /** torchvision's replace_stride_with_dilation: the first unit of a dilated stage keeps the previous dilation. */
    @Test
    void outputStrideDilatesLikeTorchvision() throws PluginException {
        DeepLabV3Network os8 = services.create(Map.of("output-stride", "8"));
        Shape input = new Shape(1, 3, 64, 64);
        assertEquals(new Shape(1, 2048, 8, 8), os8.block().backbone().getOutputShapes(new Shape[] {input})[0], "OS 8");
        assertConv(os8, "layer2", "0", 2, 1);
        assertConv(os8, "layer3", "0", 1, 1);
        assertConv(os8, "layer3", "1", 1, 2);
        assertConv(os8, "layer4", "0", 1, 2);
        assertConv(os8, "layer4", "2", 1, 4);
        assertEquals(new Shape(36, 36), dilation(os8.block().classifier().child("0"), "convs", "3", "0"), "rate 36");

        DeepLabV3Network os16 = services.create(Map.of("output-stride", "16"));
        assertEquals(new Shape(1, 2048, 4, 4), os16.block().backbone().getOutputShapes(new Shape[] {input})[0], "OS 16");
        assertConv(os16, "layer3", "0", 2, 1);
        assertConv(os16, "layer3", "5", 1, 1);
        assertConv(os16, "layer4", "0", 1, 1);
        assertConv(os16, "layer4", "1", 1, 2);
        assertEquals(new Shape(18, 18), dilation(os16.block().classifier().child("0"), "convs", "3", "0"), "rate 18");
    }

    @Test
    void tinyNetworkGivesFiniteLogitsAtInputResolution() throws PluginException {
        DeepLabV3Network net = services.tiny(5);
        assertEquals(5, net.classCount(), "class count");
        try (NDManager manager = NDManager.newBaseManager()) {
            Shape shape = new Shape(2, 3, 64, 64);
            net.initialize(manager, shape);
            NDList out = net.block().forward(new ParameterStore(manager, false),
                    new NDList(manager.randomUniform(0, 1, shape)), false);
            assertEquals(2, out.size(), "two outputs");
            assertEquals(new Shape(2, 5, 64, 64), out.get(0).getShape(), "class logits");
            assertEquals(new Shape(2, 1, 64, 64), out.get(1).getShape(), "outlier logits");
            for (NDArray a : out) {
                assertTrue(a.isInfinite().logicalOr(a.isNaN()).none().getBoolean(), "finite outputs");
            }
            assertArrayEquals(new Shape[] {new Shape(2, 5, 64, 64), new Shape(2, 1, 64, 64)},
                    net.block().getOutputShapes(new Shape[] {shape}), "declared output shapes");
        }
    }

    /**
     * A forward pass, for scoring and for training, leaves no array in the model's manager: anything it did would
     * stay until the model closes, one more per request in {@code dhad serve}. At 64 px the map is 8x8, so both paths
     * of the atrous convolutions run (taps left out in the ASPP, channels-last in stages 3 and 4).
     */
    @Test
    void forwardLeavesNothingInTheModelsManager() throws PluginException {
        DeepLabV3Network net = services.tiny(3);
        Shape shape = new Shape(2, 3, 64, 64);
        try (NDManager model = NDManager.newBaseManager()) {
            net.initialize(model, shape);
            List<NDArray> arrays = model.getManagedArrays();
            for (boolean training : new boolean[] {false, true}) {
                try (NDManager step = NDManager.newBaseManager()) {
                    NDList images = new NDList(step.randomUniform(0, 1, shape));
                    if (training) {
                        try (GradientCollector collector = step.getEngine().newGradientCollector()) {
                            NDList out = net.block().forward(new ParameterStore(model, false), images, true);
                            collector.backward(out.get(0).sum().add(out.get(1).sum()));
                        }
                    } else {
                        net.block().forward(new ParameterStore(model, false), images, false);
                    }
                }
                List<String> added = model.getManagedArrays().stream()
                        .filter(a -> arrays.stream().noneMatch(b -> b == a))
                        .map(a -> a.getName() + " " + a.getShape()).toList();
                assertEquals(List.of(), added, (training ? "training" : "scoring") + " forward: arrays it left in "
                        + "the model's manager");
            }
        }
    }

    @Test
    void everyParameterHasExactlyOneGroupAndNoGroupIsEmpty() throws PluginException {
        DeepLabV3Network net = services.tiny(3);
        Map<ParameterGroup, Integer> sizes = new EnumMap<>(ParameterGroup.class);
        List<String> names = net.block().getParameters().keys();
        for (String name : names) {
            sizes.merge(net.groupOf(name), 1, Integer::sum);
        }
        assertEquals(names.size(), net.groups().size(), "one group per parameter name");
        for (ParameterGroup group : ParameterGroup.values()) {
            assertTrue(sizes.getOrDefault(group, 0) > 0, group + " has parameters");
        }
        assertEquals(ParameterGroup.BACKBONE, net.groupOf("backbone_layer1_0_conv1_weight"), "backbone");
        assertEquals(ParameterGroup.CONTEXT, net.groupOf("classifier_0_project_1_gamma"), "ASPP");
        assertEquals(ParameterGroup.CLASS_HEAD, net.groupOf("classifier_1_weight"), "3x3 conv");
        assertEquals(ParameterGroup.CLASS_HEAD_FINAL, net.groupOf("classifier_2_runningVar"), "class BN");
        assertEquals(ParameterGroup.CLASS_HEAD_FINAL, net.groupOf("classifier_4_bias"), "class conv");
        assertEquals(ParameterGroup.OUTLIER_HEAD_FINAL, net.groupOf("outlier_2_weight"), "outlier conv");
        assertEquals(6, sizes.get(ParameterGroup.OUTLIER_HEAD_FINAL),
                "outlier head: gamma, beta, runningMean, runningVar, weight, bias");
        assertThrows(IllegalArgumentException.class, () -> net.groupOf("backbone.conv1.weight"), "unknown name");
    }

    /** DJL's saveParameters/loadParameters round trip, as a checkpoint would use it. */
    @Test
    void parametersSurviveSaveAndLoad() throws Exception {
        DeepLabV3Network original = services.tiny(4);
        DeepLabV3Network copy = services.tiny(4);
        Shape shape = new Shape(2, 3, 32, 32);
        try (NDManager manager = NDManager.newBaseManager()) {
            original.initialize(manager, shape);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (DataOutputStream out = new DataOutputStream(bytes)) {
                original.block().saveParameters(out);
            }
            try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
                copy.block().loadParameters(manager, in);
            }
            Map<String, Parameter> loaded = copy.block().getParameters().toMap();
            original.block().getParameters().forEach(pair -> assertArrayEquals(
                    pair.getValue().getArray().toFloatArray(), loaded.get(pair.getKey()).getArray().toFloatArray(),
                    0f, pair.getKey()));
            NDList x = new NDList(manager.randomUniform(0, 1, shape));
            ParameterStore store = new ParameterStore(manager, false);
            assertArrayEquals(original.block().forward(store, x, false).get(1).toFloatArray(),
                    copy.block().forward(store, x, false).get(1).toFloatArray(), 0f, "same outlier logits");
        }
    }

    /**
     * As in PyTorch, ASPP's image-pooling batch norm sees one value per channel for a batch of one, which
     * training mode rejects; with the context module frozen its batch norms run in inference mode.
     */
    @Test
    void batchOfOneTrainsOnlyWithFrozenContext() throws PluginException {
        DeepLabV3Network net = services.tiny(2);
        try (NDManager manager = NDManager.newBaseManager()) {
            Shape shape = new Shape(1, 3, 32, 32);
            net.initialize(manager, shape);
            NDList x = new NDList(manager.randomUniform(0, 1, shape));
            ParameterStore store = new ParameterStore(manager, false);
            EngineException e = assertThrows(EngineException.class, () -> net.block().forward(store, x, true),
                    "batch of one in training mode");
            assertTrue(e.getMessage().contains("more than 1 value per channel"), e.getMessage());
            net.freeze(Set.of(ParameterGroup.CONTEXT));
            assertEquals(new Shape(1, 2, 32, 32), net.block().forward(store, x, true).get(0).getShape(),
                    "batch of one with frozen ASPP");
        }
    }

    private static Map<ParameterGroup, Long> trainableCounts(DeepLabV3Network net) {
        Map<ParameterGroup, Long> counts = new EnumMap<>(ParameterGroup.class);
        net.block().getParameters().forEach(pair -> {
            Parameter p = pair.getValue();
            if (p.getType() != Parameter.Type.RUNNING_MEAN && p.getType() != Parameter.Type.RUNNING_VAR) {
                counts.merge(net.groupOf(pair.getKey()), p.getArray().getShape().size(), Long::sum);
            }
        });
        return counts;
    }

    private static void assertShape(Map<String, Parameter> parameters, String name, long... dims) {
        Parameter p = parameters.get(name);
        assertTrue(p != null, "parameter " + name + " exists");
        assertEquals(new Shape(dims), p.getArray().getShape(), name);
    }

    private static void assertConv(DeepLabV3Network net, String layer, String unit, int stride, int dilation) {
        Convolution conv = (Convolution) child(net.block().backbone(), layer, unit, "conv2");
        assertEquals(new Shape(stride, stride), conv.getStride(), layer + "." + unit + ".conv2 stride");
        assertEquals(new Shape(dilation, dilation), conv.getDilation(), layer + "." + unit + ".conv2 dilation");
        assertEquals(new Shape(dilation, dilation), conv.getPadding(), layer + "." + unit + ".conv2 padding");
    }

    private static Shape dilation(Block root, String... path) {
        return ((Convolution) child(root, path)).getDilation();
    }

    private static Block child(Block root, String... path) {
        Block current = root;
        for (String name : path) {
            current = current.getChildren().get(name);
        }
        return current;
    }
}

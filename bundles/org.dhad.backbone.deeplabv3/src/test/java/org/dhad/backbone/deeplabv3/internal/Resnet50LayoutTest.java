package org.dhad.backbone.deeplabv3.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * The full {@code deeplabv3_resnet50} layout: every torchvision name and shape has a place in the network
 * and a file of all of them imports with nothing missing.
 */
class Resnet50LayoutTest {

    /**
     * Names and shapes as torchvision's {@code deeplabv3_resnet50().state_dict()} prints them, written out
     * here rather than derived, so that a mistake in the name mapping shows.
     */
    private static final Map<String, long[]> TORCHVISION = Map.ofEntries(
            Map.entry("backbone.conv1.weight", new long[] {64, 3, 7, 7}),
            Map.entry("backbone.bn1.running_mean", new long[] {64}),
            Map.entry("backbone.layer1.0.conv3.weight", new long[] {256, 64, 1, 1}),
            Map.entry("backbone.layer1.0.downsample.0.weight", new long[] {256, 64, 1, 1}),
            Map.entry("backbone.layer1.0.downsample.1.running_var", new long[] {256}),
            Map.entry("backbone.layer3.5.bn2.bias", new long[] {256}),
            Map.entry("backbone.layer4.0.downsample.0.weight", new long[] {2048, 1024, 1, 1}),
            Map.entry("backbone.layer4.2.bn3.weight", new long[] {2048}),
            Map.entry("classifier.0.convs.0.0.weight", new long[] {256, 2048, 1, 1}),
            Map.entry("classifier.0.convs.1.1.running_mean", new long[] {256}),
            Map.entry("classifier.0.convs.3.0.weight", new long[] {256, 2048, 3, 3}),
            Map.entry("classifier.0.convs.4.1.weight", new long[] {256, 2048, 1, 1}),
            Map.entry("classifier.0.convs.4.2.bias", new long[] {256}),
            Map.entry("classifier.0.project.0.weight", new long[] {256, 1280, 1, 1}),
            Map.entry("classifier.0.project.1.running_var", new long[] {256}),
            Map.entry("classifier.1.weight", new long[] {256, 256, 3, 3}),
            Map.entry("classifier.2.weight", new long[] {256}),
            Map.entry("classifier.4.weight", new long[] {21, 256, 1, 1}),
            Map.entry("classifier.4.bias", new long[] {21}));

    private static Services services;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws Exception {
        services = new Services();
    }

    @AfterAll
    static void stop() {
        services.close();
    }

    /**
     * ResNet-50 has 53 convolutions and 53 batch norms, ASPP 6 and 6, the head 2 convolutions and 1 batch
     * norm: 61 + 4 * 60 + 1 (classifier.4.bias) = 302 tensors, plus 60 num_batches_tracked = 362 entries,
     * the length of torchvision's state_dict without aux_classifier.
     */
    @Test
    void everyTorchvisionTensorIsMappedAndNoneIsMissing() throws Exception {
        DeepLabV3Network net = services.create(Map.of());
        try (NDManager manager = NDManager.newBaseManager()) {
            net.initialize(manager, new Shape(1, 3, 32, 32));
            NumpyArchive archive = StateDicts.deeplab(net);
            Map<String, Object> arrays = archive.arrays();
            assertEquals(362 + 1, arrays.size(), "state_dict entries plus one aux_classifier tensor");
            TORCHVISION.forEach((name, shape) -> {
                assertTrue(arrays.containsKey(name), "torchvision name " + name);
                assertArrayEquals(shape, archive.shape(name), name + " shape");
            });
            Path file = dir.resolve("deeplabv3_resnet50.npz");
            archive.write(file);

            StateDictImport.Report report = StateDictImport.load(net, file, false);
            assertEquals(List.of(), report.missing(), "missing");
            assertEquals(List.of(), report.unexpected(), "unexpected");
            assertEquals(List.of(), report.wrongShape(), "wrongly shaped");
            assertEquals(302, report.loaded(), "loaded");
            assertEquals(61, report.ignored(), "num_batches_tracked and aux_classifier");
            var parameters = net.block().getParameters();
            for (String djlName : List.of("backbone_layer4_2_bn3_runningVar", "classifier_0_convs_4_1_weight",
                    "classifier_4_bias")) {
                assertArrayEquals((float[]) arrays.get(TorchvisionNames.torchName(djlName)),
                        parameters.get(djlName).getArray().toFloatArray(), 0f, djlName);
            }
        }
    }
}

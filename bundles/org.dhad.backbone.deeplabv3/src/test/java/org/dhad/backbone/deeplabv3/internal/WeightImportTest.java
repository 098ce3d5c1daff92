package org.dhad.backbone.deeplabv3.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.dhad.api.PluginException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;

/**
 * {@code loadWeights} on a tiny network: state dicts in torchvision naming with known values, written as
 * numpy writes them and as DJL writes npz and safetensors; exact values, equal outputs, and messages that
 * name missing, unexpected and wrongly shaped tensors.
 */
class WeightImportTest {

    private static final Shape INPUT = new Shape(2, 3, 32, 32);
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

    @Test
    void importsEveryTensorByNameAndGivesTheSameOutputAsDirectlySetValues() throws Exception {
        try (NDManager manager = NDManager.newBaseManager()) {
            DeepLabV3Network imported = initialised(services.tiny(3), manager);
            Map<String, float[]> outlierBefore = snapshot(imported, "outlier_");
            NumpyArchive archive = StateDicts.deeplab(imported);
            Path file = dir.resolve("deeplab.npz");
            archive.write(file);

            StateDictImport.Report report = StateDictImport.load(imported, file, false);
            assertTrue(report.complete(), report.toString());
            assertEquals(imported.block().getParameters().size() - 6, report.loaded(), "all but the outlier head");
            long batchNorms = archive.arrays().keySet().stream().filter(n -> n.endsWith("num_batches_tracked")).count();
            assertEquals(batchNorms + 1, report.ignored(), "num_batches_tracked and aux_classifier ignored");
            assertValuesEqual(imported, archive, "");
            assertUnchanged(outlierBefore, snapshot(imported, "outlier_"), "the outlier head is not in the file");

            DeepLabV3Network direct = initialised(services.tiny(3), manager);
            StateDicts.setDirectly(direct, archive, "");
            Map<String, ai.djl.nn.Parameter> target = direct.block().getParameters().toMap();
            outlierBefore.forEach((name, values) -> target.get(name).getArray().set(values));
            NDList x = new NDList(manager.randomUniform(0, 1, INPUT));
            ParameterStore store = new ParameterStore(manager, false);
            NDList a = imported.block().forward(store, x, false);
            NDList b = direct.block().forward(store, x, false);
            assertArrayEquals(b.get(0).toFloatArray(), a.get(0).toFloatArray(), 0f, "class logits");
            assertArrayEquals(b.get(1).toFloatArray(), a.get(1).toFloatArray(), 0f, "outlier logits");
            assertTrue(a.get(0).abs().max().getFloat() > 1e-3f, "logits are not trivially zero");
        }
    }

    @Test
    void readsSafetensorsAndNpzWrittenByDjl() throws Exception {
        try (NDManager manager = NDManager.newBaseManager()) {
            DeepLabV3Network net = initialised(services.tiny(3), manager);
            NumpyArchive archive = StateDicts.deeplab(net);
            NDList list = new NDList();
            archive.arrays().forEach((name, values) -> {
                if (values instanceof float[] floats) {
                    NDArray array = manager.create(floats, shapeOf(net, name, floats.length));
                    array.setName(name);
                    list.add(array);
                }
            });
            for (NDList.Encoding encoding : List.of(NDList.Encoding.SAFETENSORS, NDList.Encoding.NPZ)) {
                DeepLabV3Network fresh = initialised(services.tiny(3), manager);
                Path file = dir.resolve("djl." + encoding.name().toLowerCase());
                try (OutputStream out = Files.newOutputStream(file)) {
                    list.encode(out, encoding);
                }
                fresh.loadWeights(file, false);
                assertValuesEqual(fresh, archive, "");
            }
        }
    }

    @Test
    void missingUnexpectedAndWronglyShapedTensorsAreNamedAndNothingIsLoaded() throws Exception {
        try (NDManager manager = NDManager.newBaseManager()) {
            DeepLabV3Network net = initialised(services.tiny(3), manager);
            NumpyArchive archive = StateDicts.deeplab(net);
            List<String> removed = archive.arrays().keySet().stream()
                    .filter(n -> n.startsWith("backbone.layer4.") && !n.endsWith("num_batches_tracked")).toList();
            removed.forEach(archive::remove);
            archive.add("backbone.layer9.0.conv1.weight", new float[4], 4);
            archive.add("outlier.2.bias", new float[1], 1);
            archive.remove("backbone.conv1.weight").add("backbone.conv1.weight", new float[16 * 3 * 3 * 3], 16, 3, 3, 3);
            Path file = dir.resolve("broken.npz");
            archive.write(file);
            Map<String, float[]> before = snapshot(net, "");

            String m = assertThrows(PluginException.class, () -> net.loadWeights(file, false)).getMessage();
            assertTrue(m.contains(file.toString()), m);
            assertTrue(m.contains(removed.size() + " missing: " + removed.get(0) + ", " + removed.get(1)), m);
            assertTrue(m.contains("... (" + (removed.size() - 10) + " more)"), "first ten listed: " + m);
            assertTrue(m.contains("2 unexpected: backbone.layer9.0.conv1.weight, outlier.2.bias"), m);
            assertTrue(m.contains("1 wrongly shaped: backbone.conv1.weight (16, 3, 3, 3) (network (16, 3, 7, 7))"), m);
            assertTrue(m.contains("partial=true"), m);
            assertFalse(m.contains("classes"), "no class-count remark when classifier.4 fits: " + m);
            assertUnchanged(before, snapshot(net, ""), "a refused load changes nothing");
        }
    }

    @Test
    void classCountMismatchIsExplainedAndPartialLoadSkipsTheClassLayer() throws Exception {
        try (NDManager manager = NDManager.newBaseManager()) {
            NumpyArchive fiveClasses = StateDicts.deeplab(initialised(services.tiny(5), manager));
            Path file = dir.resolve("five.npz");
            fiveClasses.write(file);
            DeepLabV3Network net = initialised(services.tiny(3), manager);
            String m = assertThrows(PluginException.class, () -> net.loadWeights(file, false)).getMessage();
            assertTrue(m.contains("2 wrongly shaped: classifier.4.weight (5, 64, 1, 1) (network (3, 64, 1, 1)), "
                    + "classifier.4.bias (5) (network (3))"), m);
            assertTrue(m.contains("classifier.4 has 5 classes but the network's 'classes' setting is 3"), m);
            assertFalse(m.contains("missing"), m);

            Map<String, float[]> classLayer = snapshot(net, "classifier_4_");
            StateDictImport.Report report = StateDictImport.load(net, file, true);
            assertEquals(2, report.wrongShape().size(), report.toString());
            assertUnchanged(classLayer, snapshot(net, "classifier_4_"), "the class layer keeps its initialisation");
            Map<String, Object> expected = new LinkedHashMap<>(fiveClasses.arrays());
            expected.keySet().removeIf(n -> n.startsWith("classifier.4."));
            assertValuesEqual(net, expected);
        }
    }

    @Test
    void partialLoadTakesWhatMatches() throws Exception {
        try (NDManager manager = NDManager.newBaseManager()) {
            DeepLabV3Network net = initialised(services.tiny(3), manager);
            NumpyArchive archive = StateDicts.deeplab(net);
            archive.remove("classifier.1.weight").remove("backbone.layer2.0.bn1.running_var");
            Path file = dir.resolve("partial.npz");
            archive.write(file);
            Map<String, float[]> before = snapshot(net, "");
            String m = assertThrows(PluginException.class, () -> net.loadWeights(file, false)).getMessage();
            assertTrue(m.contains("2 missing: backbone.layer2.0.bn1.running_var, classifier.1.weight"), m);

            StateDictImport.Report report = StateDictImport.load(net, file, true);
            assertEquals(List.of("backbone.layer2.0.bn1.running_var", "classifier.1.weight"), report.missing());
            assertArrayEquals(before.get("classifier_1_weight"), value(net, "classifier_1_weight"), 0f, "kept");
            assertArrayEquals(before.get("backbone_layer2_0_bn1_runningVar"),
                    value(net, "backbone_layer2_0_bn1_runningVar"), 0f, "kept");
            assertValuesEqual(net, archive, "");
        }
    }

    /** ImageNet resnet weights are the documented backbone-only case: no partial flag needed. */
    @Test
    void imageNetResnetNamesFillOnlyTheBackbone() throws Exception {
        try (NDManager manager = NDManager.newBaseManager()) {
            DeepLabV3Network net = initialised(services.tiny(3), manager);
            NumpyArchive archive = StateDicts.resnet(net);
            assertTrue(archive.arrays().containsKey("layer1.0.conv1.weight"), "resnet naming");
            Path file = dir.resolve("resnet.npz");
            archive.write(file);
            Map<String, float[]> heads = snapshot(net, "classifier_");
            heads.putAll(snapshot(net, "outlier_"));

            StateDictImport.Report report = StateDictImport.load(net, file, false);
            assertEquals(TorchvisionNames.Layout.RESNET, report.layout());
            assertTrue(report.complete(), report.toString());
            assertValuesEqual(net, archive, TorchvisionNames.BACKBONE);
            Map<String, float[]> headsAfter = snapshot(net, "classifier_");
            headsAfter.putAll(snapshot(net, "outlier_"));
            assertUnchanged(heads, headsAfter, "context module and heads keep their initialisation");

            archive.remove("layer3.1.conv2.weight").write(file);
            String m = assertThrows(PluginException.class, () -> net.loadWeights(file, false)).getMessage();
            assertTrue(m.contains("torchvision ResNet, backbone only") && m.contains("1 missing: layer3.1.conv2.weight"),
                    m);
        }
    }

    @Test
    void unreadableFilesAndForeignNamesAreReportedWithTheFile() throws Exception {
        try (NDManager manager = NDManager.newBaseManager()) {
            DeepLabV3Network net = initialised(services.tiny(3), manager);
            Path absent = dir.resolve("absent.npz");
            String m = assertThrows(PluginException.class, () -> net.loadWeights(absent, false)).getMessage();
            assertTrue(m.contains(absent.toString()) && m.contains("does not exist"), m);

            Path garbage = dir.resolve("garbage.npz");
            Files.write(garbage, new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16});
            m = assertThrows(PluginException.class, () -> net.loadWeights(garbage, false)).getMessage();
            assertTrue(m.contains(garbage.toString()) && m.contains(".npz or .safetensors"), m);

            Path foreign = dir.resolve("foreign.npz");
            new NumpyArchive().add("encoder.stem.weight", new float[2], 2).write(foreign);
            m = assertThrows(PluginException.class, () -> net.loadWeights(foreign, true)).getMessage();
            assertTrue(m.contains(foreign.toString()) && m.contains("encoder.stem.weight"), m);

            DeepLabV3Network uninitialised = services.tiny(3);
            Path good = dir.resolve("good.npz");
            StateDicts.deeplab(net).write(good);
            m = assertThrows(PluginException.class, () -> uninitialised.loadWeights(good, false)).getMessage();
            assertTrue(m.contains("initialise the network"), m);
        }
    }

    static DeepLabV3Network initialised(DeepLabV3Network net, NDManager manager) {
        net.initialize(manager, INPUT);
        return net;
    }

    /** Every network parameter named in the archive equals the archive's values exactly. */
    static void assertValuesEqual(DeepLabV3Network net, NumpyArchive archive, String strip) {
        int[] compared = {0};
        net.block().getParameters().forEach(pair -> {
            String name = StateDicts.torchNameIn(pair.getKey(), strip);
            if (name != null && archive.arrays().get(name) instanceof float[] expected) {
                assertArrayEquals(expected, pair.getValue().getArray().toFloatArray(), 0f, name);
                compared[0]++;
            }
        });
        assertTrue(compared[0] > 0, "compared some tensors");
    }

    private static void assertValuesEqual(DeepLabV3Network net, Map<String, Object> arrays) {
        net.block().getParameters().forEach(pair -> {
            if (arrays.get(TorchvisionNames.torchName(pair.getKey())) instanceof float[] expected) {
                assertArrayEquals(expected, pair.getValue().getArray().toFloatArray(), 0f, pair.getKey());
            }
        });
    }

    static Map<String, float[]> snapshot(DeepLabV3Network net, String prefix) {
        Map<String, float[]> values = new LinkedHashMap<>();
        net.block().getParameters().forEach(pair -> {
            if (pair.getKey().startsWith(prefix)) {
                values.put(pair.getKey(), pair.getValue().getArray().toFloatArray());
            }
        });
        return values;
    }

    /** Same names, and every array equal element for element. */
    static void assertUnchanged(Map<String, float[]> before, Map<String, float[]> after, String message) {
        assertEquals(before.keySet(), after.keySet(), message + ": names");
        before.forEach((name, values) -> assertArrayEquals(values, after.get(name), 0f, message + ": " + name));
    }

    private static float[] value(DeepLabV3Network net, String djlName) {
        return net.block().getParameters().get(djlName).getArray().toFloatArray();
    }

    private static Shape shapeOf(DeepLabV3Network net, String torchName, int size) {
        for (var pair : net.block().getParameters()) {
            if (TorchvisionNames.torchName(pair.getKey()).equals(torchName)) {
                return pair.getValue().getArray().getShape();
            }
        }
        return new Shape(size); // aux_classifier
    }
}

package org.dhad.backbone.deeplabv3.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

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
 * Files written by Python: fixtures made by {@code releng/scripts/export-torchvision-weights.py} with
 * numpy (always), and agreement with torchvision's own forward pass (only where {@code python3} has torch
 * and torchvision).
 */
class PythonFilesTest {

    private static final String SCRIPT = "releng/scripts/export-torchvision-weights.py";
    /** Random torchvision DeepLabV3-ResNet50 (BN statistics randomised too), one input, its logits. */
    private static final String REFERENCE = """
            import importlib.util, sys, numpy as np, torch
            spec = importlib.util.spec_from_file_location("export", sys.argv[1])
            export = importlib.util.module_from_spec(spec); spec.loader.exec_module(export)
            out = sys.argv[2]
            torch.manual_seed(0)
            model = export.load_model("deeplabv3_resnet50", True).eval()
            with torch.no_grad():
                for m in model.modules():
                    if isinstance(m, torch.nn.BatchNorm2d):
                        m.running_mean.uniform_(-0.1, 0.1); m.running_var.uniform_(0.5, 1.5)
                        m.weight.uniform_(0.5, 1.5); m.bias.uniform_(-0.1, 0.1)
                x = torch.rand(1, 3, 64, 64)
                mean = torch.tensor([0.485, 0.456, 0.406]).view(1, 3, 1, 1)
                std = torch.tensor([0.229, 0.224, 0.225]).view(1, 3, 1, 1)
                logits = model((x - mean) / std)["out"]
            export.save_arrays(export.to_numpy(model.state_dict()), out + "/weights.npz")
            np.save(out + "/input.npy", x.numpy()); np.save(out + "/logits.npy", logits.numpy())
            """;

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
     * {@code python-head.npz} and {@code .safetensors} were written by the export script's
     * {@code save_arrays} with numpy: classifier.4 weight {@code (arange(192) - 96) / 1000}, bias
     * {@code [0.25, -0.5, 0.75]}, classifier.2 running_mean {@code arange(64) / 64} as float64, and a 0-d
     * int64 num_batches_tracked.
     */
    @Test
    void readsNpzAndSafetensorsWrittenByTheExportScript() throws Exception {
        float[] weight = new float[192];
        for (int i = 0; i < weight.length; i++) {
            weight[i] = (i - 96) / 1000f;
        }
        float[] mean = new float[64];
        for (int i = 0; i < mean.length; i++) {
            mean[i] = i / 64f;
        }
        for (String fixture : List.of("python-head.npz", "python-head.safetensors")) {
            Path file = dir.resolve(fixture);
            try (InputStream in = PythonFilesTest.class.getResourceAsStream("/fixtures/" + fixture)) {
                assertNotNull(in, "test resource fixtures/" + fixture);
                Files.copy(in, file);
            }
            try (NDManager manager = NDManager.newBaseManager()) {
                DeepLabV3Network net = services.tiny(3);
                net.initialize(manager, new Shape(2, 3, 32, 32));
                StateDictImport.Report report = StateDictImport.load(net, file, true);
                assertEquals(3, report.loaded(), fixture + ": " + report);
                assertEquals(1, report.ignored(), fixture + ": num_batches_tracked");
                var p = net.block().getParameters();
                assertArrayEquals(weight, p.get("classifier_4_weight").getArray().toFloatArray(), 1e-7f, fixture);
                assertArrayEquals(new float[] {0.25f, -0.5f, 0.75f}, p.get("classifier_4_bias").getArray()
                        .toFloatArray(), 0f, fixture);
                assertArrayEquals(mean, p.get("classifier_2_runningMean").getArray().toFloatArray(), 0f,
                        fixture + ": float64 converted");
            }
        }
    }

    /** Needs python3 with torch and torchvision; no download (random initialisation). */
    @Test
    void agreesWithTorchvisionForwardPass() throws Exception {
        Path script = findScript();
        assumeTrue(script != null, "skipped: " + SCRIPT + " not found above " + Path.of("").toAbsolutePath());
        assumeTrue(python(List.of("-c", "import torch, torchvision")) == 0,
                "skipped: python3 -c 'import torch, torchvision' fails here; the comparison with torchvision's "
                        + "forward pass runs only where Python torch is installed");
        Path helper = dir.resolve("reference.py");
        Files.writeString(helper, REFERENCE, StandardCharsets.UTF_8);
        assertEquals(0, python(List.of(helper.toString(), script.toString(), dir.toString())),
                "reference export failed");
        DeepLabV3Network net = services.create(Map.of());
        try (NDManager manager = NDManager.newBaseManager()) {
            net.initialize(manager, new Shape(1, 3, 64, 64));
            net.loadWeights(dir.resolve("weights.npz"), false);
            NDArray input = read(manager, dir.resolve("input.npy"));
            NDArray expected = read(manager, dir.resolve("logits.npy"));
            NDArray actual = net.block().forward(new ParameterStore(manager, false), new NDList(input), false).get(0);
            assertEquals(expected.getShape(), actual.getShape(), "class logits shape");
            float scale = Math.max(1f, expected.abs().max().getFloat());
            float difference = actual.sub(expected).abs().max().getFloat();
            System.out.println("torchvision agreement: max |difference| " + difference + ", max |logit| " + scale);
            assertTrue(difference <= 1e-4f * scale, "max difference " + difference + " at logit scale " + scale);
        }
    }

    private static NDArray read(NDManager manager, Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return NDList.decode(manager, in).singletonOrThrow();
        }
    }

    private int python(List<String> arguments) throws InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("python3"));
        command.addAll(arguments);
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("python.log").toFile()).start();
            if (!process.waitFor(15, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                return -1;
            }
            return process.exitValue();
        } catch (IOException e) {
            return -1; // no python3
        }
    }

    private static Path findScript() {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            Path candidate = d.resolve(SCRIPT);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}

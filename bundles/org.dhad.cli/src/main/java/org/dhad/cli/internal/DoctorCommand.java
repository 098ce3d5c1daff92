package org.dhad.cli.internal;

import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.dhad.api.data.DecodedCache;
import org.dhad.api.registry.PluginDescriptor;
import org.dhad.api.registry.PluginRegistry;
import org.dhad.djl.CpuKernels;
import org.dhad.djl.TorchRuntime;
import org.dhad.engine.TrainingService;
import org.dhad.experiment.ComputeDevice;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code dhad doctor}: checks that Java, the engine, the native cache, memory and the plugins are usable. */
@Command(name = "doctor", mixinStandardHelpOptions = true,
        description = "Check Java, the PyTorch engine, the native cache, memory and plugins; exit 1 if anything is broken.")
final class DoctorCommand implements Callable<Integer> {

    private static final String EXPECTED_LIBTORCH = "2.7.1";
    private static final long MIN_CACHE_FREE_BYTES = 600L << 20;

    private final PluginRegistry registry;
    private final Supplier<TorchRuntime> runtime;
    private final Supplier<TrainingService> training;

    @Spec
    private CommandSpec spec;

    /**
     * @param runtime  waits for the engine service and returns it, or {@code null} when it did not start
     * @param training the training service once the engine started, or {@code null}
     */
    DoctorCommand(PluginRegistry registry, Supplier<TorchRuntime> runtime, Supplier<TrainingService> training) {
        this.registry = registry;
        this.runtime = runtime;
        this.training = training;
    }

    /** The CPU kernels and the oneDNN limit in effect (the user's export wins over the kernels' default). */
    static String kernels(TorchRuntime torch) {
        String isa = torch.nativeVariable("ONEDNN_MAX_CPU_ISA");
        return torch.kernels().label() + " (oneDNN ISA " + (isa == null ? "not capped" : "capped at " + isa)
                + (torch.kernels() == CpuKernels.REPRODUCIBLE ? "; DHAD_KERNELS=fast for the processor's widest"
                        : "; DHAD_KERNELS=reproducible for bit-identical repeats") + ")";
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<String> problems = new ArrayList<>();
        TextTable table = new TextTable("CHECK", "STATUS", "DETAIL");

        int javaVersion = Runtime.version().feature();
        boolean javaOk = javaVersion >= 17;
        table.row("java", status(javaOk), System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        if (!javaOk) {
            problems.add("Java 17 or newer is required, found " + System.getProperty("java.version"));
        }

        TorchRuntime torch = runtime.get();
        if (torch == null) {
            table.row("engine", "FAIL", "PyTorch engine did not start");
            problems.add("The PyTorch engine did not start. The native cache folder must be writable with about "
                    + "600 MB free (set it with DHAD_NATIVE_CACHE); run with -consoleLog to see the cause.");
        } else {
            String version = torch.libtorchVersion();
            boolean versionOk = EXPECTED_LIBTORCH.equals(version);
            table.row("engine", status(versionOk), torch.engine().getEngineName() + " " + version
                    + (torch.online() ? " (downloads allowed)" : " (offline)"));
            if (!versionOk) {
                problems.add("libtorch " + version + " is loaded, expected " + EXPECTED_LIBTORCH);
            }
            String computation = compute();
            table.row("tensor ops", status(computation == null), computation == null ? "matmul and gradient correct"
                    : computation);
            if (computation != null) {
                problems.add(computation);
            }
            table.row("threads", "ok", torch.threads() + " intra-op threads, "
                    + Runtime.getRuntime().availableProcessors() + " processors");
            table.row("kernels", "ok", kernels(torch));
            table.row("allocator", "ok", torch.allocator());
            table.row("devices", "ok", devices(torch) + " (auto: " + name(torch.engine().defaultDevice()) + ")");
            checkCache(torch.nativeCache(), table, problems);
            TrainingService service = training.get();
            if (service != null) {
                table.row("data cache", "ok", dataCache(service.decodedCache()));
            }
        }

        long maxHeap = Runtime.getRuntime().maxMemory();
        long freePhysical = freePhysicalMemory();
        boolean memoryOk = freePhysical < 0 || freePhysical > (1L << 30);
        table.row("memory", status(memoryOk), "heap max " + mib(maxHeap) + ", free physical "
                + (freePhysical < 0 ? "unknown" : mib(freePhysical)));
        if (!memoryOk) {
            problems.add("Less than 1 GiB of physical memory is free; training DeepLabV3-ResNet50 needs about 4 GiB");
        }

        List<PluginDescriptor> plugins = registry.list();
        Map<String, Long> byKind = plugins.stream()
                .collect(Collectors.groupingBy(p -> p.kind().label(), TreeMap::new, Collectors.counting()));
        boolean pluginsOk = registry.conflicts().isEmpty() && !plugins.isEmpty();
        table.row("plugins", status(pluginsOk), plugins.size() + " installed " + byKind);
        registry.conflicts().forEach(c -> problems.add(c.message()));
        if (plugins.isEmpty()) {
            problems.add("No plugins are installed");
        }

        table.print(out);
        if (problems.isEmpty()) {
            out.println("\nAll checks passed.");
            out.flush();
            return 0;
        }
        PrintWriter err = spec.commandLine().getErr();
        err.println();
        problems.forEach(p -> err.println("problem: " + p));
        err.flush();
        return 1;
    }

    /** The devices libtorch sees, named as an experiment's {@code schedule.device} names them. */
    private static String devices(TorchRuntime torch) {
        return ComputeDevice.availableNames(torch.engine().getGpuCount());
    }

    private static String name(Device device) {
        return (device.isGpu() ? ComputeDevice.cuda(device.getDeviceId()) : ComputeDevice.CPU).toString();
    }

    /** Runs a small computation with a gradient; returns null when the answer is right. */
    private static String compute() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray a = manager.create(new float[] {1, 2, 3, 4}, new Shape(2, 2));
            a.setRequiresGradient(true);
            try (var collector = manager.getEngine().newGradientCollector()) {
                NDArray product = a.matMul(a).sum();
                collector.backward(product);
            }
            float[] value = a.matMul(a).toFloatArray();
            float[] gradient = a.getGradient().toFloatArray();
            // d/dA_ij sum(A·A) = (row sum j of A) + (column sum i of A), worked out by hand for A = [[1,2],[3,4]].
            float[] expectedGradient = {7, 11, 9, 13};
            if (value[0] != 7 || value[3] != 22) {
                return "matmul gave " + java.util.Arrays.toString(value) + ", expected [7, 10, 15, 22]";
            }
            for (int i = 0; i < 4; i++) {
                if (Math.abs(gradient[i] - expectedGradient[i]) > 1e-5) {
                    return "gradient gave " + java.util.Arrays.toString(gradient) + ", expected "
                            + java.util.Arrays.toString(expectedGradient);
                }
            }
            return null;
        } catch (RuntimeException e) {
            return "tensor computation failed: " + e;
        }
    }

    private static void checkCache(Path cache, TextTable table, List<String> problems) {
        try {
            Files.createDirectories(cache);
            long free = Files.getFileStore(cache).getUsableSpace();
            boolean ok = Files.isWritable(cache) && free > MIN_CACHE_FREE_BYTES;
            table.row("native cache", status(ok), cache + " (" + mib(free) + " free)");
            if (!ok) {
                problems.add("Native cache " + cache + " must be writable with at least " + mib(MIN_CACHE_FREE_BYTES)
                        + " free");
            }
        } catch (IOException e) {
            table.row("native cache", "FAIL", cache + ": " + e.getMessage());
            problems.add("Native cache " + cache + " cannot be used: " + e.getMessage());
        }
    }

    /** The disk tier's folder, what it holds and its budget; never a problem, since runs decode without it. */
    private static String dataCache(DecodedCache cache) {
        Path folder = cache.folder().orElse(null);
        if (folder == null) {
            return "disk tier off (DHAD_DATA_CACHE_DISK_MB=0)";
        }
        String usable = !Files.exists(folder) ? ", created on first use"
                : Files.isDirectory(folder) && Files.isWritable(folder) ? ""
                        : ", NOT WRITABLE: runs decode every image (set DHAD_DATA_CACHE_DIR)";
        return folder + " (" + mib(cache.usedBytes()) + " of " + mib(cache.budgetBytes()) + usable + ")";
    }

    private static long freePhysicalMemory() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getFreeMemorySize();
        }
        return -1;
    }

    private static String status(boolean ok) {
        return ok ? "ok" : "FAIL";
    }

    private static String mib(long bytes) {
        return (bytes >> 20) + " MiB";
    }
}

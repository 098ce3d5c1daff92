package org.dhad.cli.internal;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

import javax.imageio.ImageIO;

import org.dhad.api.PluginException;
import org.dhad.api.Settings;
import org.dhad.api.data.AnomalyDataset;
import org.dhad.api.data.Sample;
import org.dhad.api.data.Split;
import org.dhad.api.registry.PluginRegistry;
import org.dhad.api.training.FreezePolicy;
import org.dhad.djl.TorchRuntime;
import org.dhad.engine.EngineException;
import org.dhad.engine.Inspector;
import org.dhad.experiment.ExperimentSpec;
import org.dhad.experiment.LossPreset;
import org.dhad.experiment.PasteMode;
import org.dhad.experiment.PasteSpec;
import org.dhad.experiment.PluginChoice;
import org.dhad.engine.RunListener;
import org.dhad.engine.RunResult;
import org.dhad.results.ThresholdChoice;
import org.dhad.experiment.Schedule;
import org.dhad.experiment.ScoreKind;
import org.dhad.imageio.ImageFile;
import org.dhad.engine.StepReport;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code dhad bench}: seconds per training step, inference images/s, peak native memory and the share of
 * step time spent waiting for data, measured through the same engine services a real run uses, on the
 * embedded synthetic data so that it needs no files.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Measure training step time, inference images/s, peak memory and data waiting for a backbone.",
                "With --data: the data pipeline's images/s and negative patches/s against the targets."})
final class BenchCommand implements Callable<Integer> {

    /** Linux reports process times in USER_HZ ticks, 100 per second on every architecture it runs on here. */
    private static final double CLOCK_TICKS = 100;

    private final Supplier<RunCommands.Engine> engine;
    private final PluginRegistry registry;
    private final Supplier<TorchRuntime> torch;

    @Spec
    private CommandSpec spec;

    @Option(names = "--depth", description = "ResNet depth of the deeplabv3 backbone: 18, 50 or 101 (default 50).")
    private int depth = 50;

    @Option(names = "--width", description = "Channel width multiplier (default 1.0).")
    private double width = 1.0;

    @Option(names = "--batch", description = "Images per training step (default 4).")
    private int batch = 4;

    @Option(names = "--size", description = "Input size in pixels (default 256).")
    private int size = 256;

    @Option(names = "--steps", description = "Measured training steps after the warm-up steps (default 5).")
    private int steps = 5;

    @Option(names = "--warmup", description = "Training steps run before the measured ones and left out of them "
            + "(default 2: the first pays for oneDNN's kernel setup, the second for the JIT compiler, which competes "
            + "with libtorch for the cores while it compiles DJL's Java code).")
    private int warmup = 2;

    @Option(names = "--images", description = "Images scored for the inference figure (default 8).")
    private int images = 8;

    @Option(names = "--device", paramLabel = "NAME", description = "auto, cpu or cuda:N (default auto).")
    private String device = "auto";

    @Option(names = "--freeze", description = "Freeze policy: ALL, BACKBONE or NONE (default NONE).")
    private FreezePolicy freeze = FreezePolicy.NONE;

    @Option(names = "--data", description = "Measure the data pipeline instead of the network: training images/s "
            + "(decode, resize, paste) and negative patches/s per source, cold and warm, against the targets.")
    private boolean data;

    @Option(names = "--dataset-root", paramLabel = "DIR",
            description = "With --data: an MVTec AD root whose training images are measured (default: synthetic data).")
    private Path datasetRoot;

    @Option(names = "--category", paramLabel = "C", description = "With --data: the MVTec category (default: all).")
    private String category;

    @Option(names = "--negatives-root", paramLabel = "DIR",
            description = "With --data: an ADE20K (or other segmentation) root for the segmentation and rectangle "
                    + "negatives, also pasted onto the training images (default: synthetic negatives).")
    private Path negativesRoot;

    @Option(names = "--threads", description = "With --data: loader threads (default: the processors).")
    private int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--repeats", description = "With --data: measurements of each figure (default 3).")
    private int repeats = 3;

    @Option(names = "--draws", description = "With --data: negative patches drawn per warm measurement (default 400).")
    private int draws = 400;

    @Option(names = "--profile", paramLabel = "FILE", description = "Write libtorch's operator profile of the timed "
            + "inference batches to FILE, a Chrome trace (JSON) as torch.profiler exports it; the inference figure is "
            + "then taken with the profiler running.")
    private Path profile;

    @Option(names = "--profile-step", paramLabel = "FILE", description = "Write libtorch's operator profile of the "
            + "last training step to FILE, a Chrome trace (JSON) as --profile writes; that step's time is left out "
            + "of the figures.")
    private Path profileStep;

    @Option(names = "--data-cache-dir", paramLabel = "DIR", description = "With --data: the disk tier's folder, used "
            + "as it is (default: a temporary folder, emptied before each repeat and removed after).")
    private Path dataCacheDir;

    BenchCommand(Supplier<RunCommands.Engine> engine, PluginRegistry registry, Supplier<TorchRuntime> torch) {
        this.engine = engine;
        this.registry = registry;
        this.torch = torch;
    }

    @Override
    public Integer call() throws EngineException, PluginException, IOException, InterruptedException {
        RunCommands.Engine services = engine.get();
        if (data) {
            if (threads < 1 || repeats < 1 || draws < 1) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--threads " + threads
                        + ", --repeats " + repeats + ", --draws " + draws + ": expected whole numbers of at least 1");
            }
            new DataBench(services.training(), registry, new DataBench.Options(datasetRoot, category, negativesRoot,
                    size, threads, repeats, draws, dataCacheDir)).run(spec.commandLine().getOut());
            return 0;
        }
        for (Map.Entry<String, Path> trace : traceOptions().entrySet()) {
            Path folder = trace.getValue().toAbsolutePath().getParent();
            if (folder == null || !Files.isDirectory(folder) || !Files.isWritable(folder)) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), trace.getKey() + " "
                        + trace.getValue() + ": expected a file in an existing, writable folder");
            }
        }
        TorchRuntime stepProfiler = profileStep == null ? null : torch.get();
        if (profileStep != null && stepProfiler == null) {
            throw new EngineException("--profile-step: the PyTorch engine is not running");
        }
        if (steps < 1 || warmup < 1) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--steps " + steps + ", --warmup "
                    + warmup + ": expected whole numbers of at least 1");
        }
        if (profileStep != null && steps < 2) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--profile-step needs --steps 2 or "
                    + "more (the profiled step is not timed); got " + steps);
        }
        Path work = Files.createTempDirectory("dhad-bench");
        try {
            measureNetwork(services, work, stepProfiler);
        } finally {
            SweepCommand.deleteTree(work); // a run with R50 checkpoints: ~150 MB a bench otherwise leaves behind
        }
        return 0;
    }

    /** Trains, scores and predicts in {@code work}, and prints the figures. */
    private void measureNetwork(RunCommands.Engine services, Path work, TorchRuntime stepProfiler)
            throws EngineException, PluginException, IOException {
        Map<String, String> data = Map.of("image-size", Integer.toString(size), "categories", "fabric",
                "train-count", Integer.toString(batch * (warmup + steps)), "test-good-count", Integer.toString(images),
                "test-defect-count", "1");
        ExperimentSpec bench = new ExperimentSpec("bench",
                new PluginChoice("deeplabv3", Map.of("depth", Integer.toString(depth), "width", Double.toString(width))),
                null, new PluginChoice("synthetic", data), List.of(), PluginChoice.of("synthetic"),
                PasteSpec.defaults(PasteMode.MASK), LossPreset.PAPER.weights(), freeze,
                Schedule.paper().with(Schedule.EPOCHS, 1).with(Schedule.BATCH_SIZE, batch)
                        .with(Schedule.INPUT_SIZE, size).with(Schedule.DEVICE, device), 0, List.of("pixel-auroc"), ScoreKind.HYBRID);
        List<String> problems = services.training().validate(bench);
        if (!problems.isEmpty()) {
            throw new EngineException("The benchmark cannot run:\n  " + String.join("\n  ", problems));
        }
        List<long[]> stepTimes = new ArrayList<>();
        double[] waitMillis = {0};
        long[] last = {System.nanoTime(), processCpuTicks()};
        TorchRuntime.OperatorProfile[] stepProfile = {null};
        RunResult result = services.training().train(bench, work.resolve("runs"), new RunListener() {
            @Override
            public void onStep(StepReport report) {
                if (stepProfile[0] != null) { // the profiled step: the profiler's cost is not a step's
                    stepProfile[0].close();
                    stepProfile[0] = null;
                    return;
                }
                long now = System.nanoTime();
                long ticks = processCpuTicks();
                if (report.step() > warmup) {
                    stepTimes.add(new long[] {now - last[0], ticks - last[1]});
                    waitMillis[0] += report.dataWaitMillis();
                }
                if (stepProfiler != null && report.step() == warmup + steps - 1) { // started where the step runs
                    try {
                        stepProfile[0] = stepProfiler.profileOperators(profileStep);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
                last[0] = now;
                last[1] = ticks;
            }
        });
        double stepSeconds = stepTimes.stream().mapToLong(t -> t[0]).average().orElse(Double.NaN) / 1e9;
        double stepCpuSeconds = stepTimes.stream().mapToLong(t -> t[1]).average().orElse(Double.NaN) / CLOCK_TICKS;
        double waitShare = waitMillis[0] / 1e3 / (stepSeconds * stepTimes.size());

        List<Path> inputs = testImages(work.resolve("images"), data);
        double scoredPerSecond = scoringSpeed(services, result.runDir(), inputs);
        long start = System.nanoTime();
        // A bench run is not evaluated: prediction writes heat maps and image scores, as it did before verdicts.
        services.evaluation().predict(result.runDir(), inputs, work.resolve("maps"), null, ThresholdChoice.F1,
                RunListener.NONE);
        double imagesPerSecond = inputs.size() / ((System.nanoTime() - start) / 1e9);

        PrintWriter out = spec.commandLine().getOut();
        TextTable table = new TextTable("MEASURE", "VALUE");
        table.row("network", String.format(Locale.ROOT, "DeepLabV3-ResNet%d (width %.2f), batch %d, %dx%d, freeze %s",
                depth, width, batch, size, size, freeze));
        table.row("training step", String.format(Locale.ROOT, "%.2f s (mean of %d steps after %d warm-up steps)",
                stepSeconds, stepTimes.size(), warmup));
        table.row("training step CPU", last[1] < 0 ? "unknown (no /proc/self/stat)"
                : String.format(Locale.ROOT, "%.2f s (all threads of the process; steadier than wall time on a busy "
                        + "machine)", stepCpuSeconds));
        table.row("training throughput", String.format(Locale.ROOT, "%.2f images/s", batch / stepSeconds));
        table.row("waiting for data", String.format(Locale.ROOT, "%.1f %% of step time", 100 * waitShare));
        table.row("inference", String.format(Locale.ROOT, "%.2f images/s (hybrid score of %d images in batches of %d, "
                + "network loaded once, after a warm-up batch)", scoredPerSecond, inputs.size(), batch));
        if (profileStep != null) {
            table.row("training step profile", profileStep + " (the last step, not timed; summarise with "
                    + "releng/scripts/operator_table.py)");
        }
        if (profile != null) {
            table.row("operator profile", profile + " (inference batches; summarise with "
                    + "releng/scripts/operator_table.py)");
        }
        table.row("predict", String.format(Locale.ROOT, "%.2f images/s (dhad predict of the same images: network "
                + "loading, heat maps and PNG output included)", imagesPerSecond));
        table.row("peak resident memory", peakResidentMemory());
        TorchRuntime runtime = torch.get();
        table.row("threads", (runtime == null ? "" : runtime.threads() + " intra-op threads, ")
                + Runtime.getRuntime().availableProcessors() + " processors");
        if (runtime != null) {
            table.row("kernels", DoctorCommand.kernels(runtime));
            table.row("allocator", runtime.allocator());
        }
        table.print(out);
    }

    /** The trace files asked for, by option name. */
    private Map<String, Path> traceOptions() {
        Map<String, Path> traces = new LinkedHashMap<>();
        if (profile != null) {
            traces.put("--profile", profile);
        }
        if (profileStep != null) {
            traces.put("--profile-step", profileStep);
        }
        return traces;
    }

    /**
     * Images per second of the hybrid score alone, as {@code dhad serve} computes it: the run's network opened once,
     * the images fitted beforehand, one warm-up batch, then every image scored in batches of the training batch size.
     */
    private double scoringSpeed(RunCommands.Engine services, Path runDir, List<Path> inputs)
            throws EngineException, IOException {
        try (Inspector inspector = services.evaluation().inspector(runDir, ThresholdChoice.F1, RunListener.NONE)) {
            List<BufferedImage> fitted = new ArrayList<>();
            for (Path input : inputs) {
                fitted.add(inspector.fit(ImageFile.readRgb(input)));
            }
            inspector.score(fitted.subList(0, Math.min(batch, fitted.size())));
            TorchRuntime runtime = profile == null ? null : torch.get();
            if (profile != null && runtime == null) {
                throw new EngineException("--profile: the PyTorch engine is not running");
            }
            try (TorchRuntime.OperatorProfile operators = runtime == null ? null : runtime.profileOperators(profile)) {
                long start = System.nanoTime();
                for (int from = 0; from < fitted.size(); from += batch) {
                    inspector.score(fitted.subList(from, Math.min(fitted.size(), from + batch)));
                }
                return fitted.size() / ((System.nanoTime() - start) / 1e9);
            }
        }
    }

    /** Synthetic test images written as PNG files, as a user would pass them to predict. */
    private List<Path> testImages(Path folder, Map<String, String> data) throws PluginException, IOException {
        AnomalyDataset dataset = registry.get(AnomalyDataset.class, "synthetic");
        var content = dataset.open(new Settings("synthetic", dataset.settings(), data));
        Files.createDirectories(folder);
        List<Path> files = new ArrayList<>();
        for (Sample sample : content.samples(content.categories().get(0), Split.TEST)) {
            if (files.size() == images) {
                break;
            }
            Path file = folder.resolve("image-" + files.size() + ".png");
            ImageIO.write(sample.readImage(), "png", file.toFile());
            files.add(file);
        }
        return files;
    }

    /**
     * User plus system CPU time of the whole process in clock ticks (fields 14 and 15 of /proc/self/stat), or -1
     * where there is no such file.
     */
    private static long processCpuTicks() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            // The command name in field 2 may hold spaces: count fields after its closing parenthesis.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** VmHWM of this process: the peak of Java heap, native tensors and libtorch together. */
    private static String peakResidentMemory() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    long kib = Long.parseLong(line.replaceAll("\\D", ""));
                    return String.format(Locale.ROOT, "%.2f GiB (VmHWM, whole process)", kib / 1048576.0);
                }
            }
        } catch (IOException | NumberFormatException e) {
            return "unknown (" + e.getMessage() + ")";
        }
        return "unknown (no VmHWM in /proc/self/status)";
    }
}

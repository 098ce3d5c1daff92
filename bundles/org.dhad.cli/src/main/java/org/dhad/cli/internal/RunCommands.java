package org.dhad.cli.internal;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

import org.dhad.engine.EngineException;
import org.dhad.engine.EvaluationReport;
import org.dhad.engine.EvaluationService;
import org.dhad.experiment.ExperimentSpec;
import org.dhad.engine.PredictionReport;
import org.dhad.engine.RunResult;
import org.dhad.engine.TrainingService;
import org.dhad.experiment.ComputeDevice;
import org.dhad.model.ExperimentDocument;
import org.dhad.model.ExperimentModel;
import org.dhad.model.ModelException;
import org.dhad.results.DecisionThresholds;
import org.dhad.results.RunThresholds;
import org.dhad.results.ThresholdChoice;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code dhad train|resume|evaluate|predict|demo}: runs of the engine. */
final class RunCommands {

    /** Default parent of run folders, relative to the working directory or the workspace. */
    static final String RUNS = "runs";

    /** System property (set by ./dhad from DHAD_WORKSPACE) naming the workspace the workbench also shows. */
    static final String WORKSPACE_PROPERTY = "dhad.workspace";

    private RunCommands() {
    }

    /** {@code <workspace>/runs} when a workspace is set, so the workbench sees the run; else {@code ./runs}. */
    static Path defaultRuns() {
        String workspace = System.getProperty(WORKSPACE_PROPERTY);
        return workspace == null || workspace.isBlank() ? Path.of(RUNS) : Path.of(workspace).resolve(RUNS);
    }

    /** The services every run command needs. */
    record Engine(ExperimentModel model, TrainingService training, EvaluationService evaluation) {
    }

    static void printResult(PrintWriter out, RunResult result) {
        out.printf("%s after %d epoch(s), %d step(s) in %.0f s (%.1f s waiting for data); last loss %.4f%n",
                result.canceled() ? "Canceled" : "Trained", result.epochsCompleted(), result.stepsCompleted(),
                result.seconds(), result.dataWaitSeconds(), result.lastLoss());
        out.println("Run folder: " + result.runDir());
        out.flush();
    }

    static EvaluationReport evaluate(Engine engine, Path runDir, CommandSpec spec) throws EngineException {
        return evaluate(engine, runDir, List.of(RunThresholds.DEFAULT_GOOD_RATE), null, spec);
    }

    /** {@code device}: null for the device of the run's experiment. */
    static EvaluationReport evaluate(Engine engine, Path runDir, List<Double> goodRates, ComputeDevice device,
            CommandSpec spec) throws EngineException {
        try (ConsoleProgress progress = new ConsoleProgress(spec.commandLine().getErr())) {
            EvaluationReport report = engine.evaluation().evaluate(runDir, goodRates, device, progress);
            PrintWriter out = spec.commandLine().getOut();
            out.println();
            out.print(report.table());
            ThresholdLines.print(out, runDir);
            out.printf("%d test images in %.0f s; metrics.json, thresholds.json and heat maps in %s%n",
                    report.images(), report.seconds(), runDir);
            out.flush();
            ReportCommands.afterEvaluation(runDir, out, spec.commandLine().getErr());
            return report;
        }
    }

    static RunResult train(Engine engine, ExperimentSpec spec, Path runs, CommandSpec command, Path experimentFile)
            throws EngineException {
        List<String> problems = engine.training().validate(spec);
        if (!problems.isEmpty()) {
            throw new EngineException("The experiment cannot run:\n  " + String.join("\n  ", problems));
        }
        try (ConsoleProgress progress = new ConsoleProgress(command.commandLine().getErr())) {
            RunResult result = engine.training().train(spec, runs, progress);
            if (experimentFile != null) {
                try {
                    Files.copy(experimentFile, result.runDir().resolve("experiment.xmi"),
                            StandardCopyOption.REPLACE_EXISTING);
                } catch (IOException e) {
                    progress.onMessage("Could not copy " + experimentFile + " into the run folder: " + e.getMessage());
                }
            }
            printResult(command.commandLine().getOut(), result);
            return result;
        }
    }

    @Command(name = "train", mixinStandardHelpOptions = true,
            description = "Train the experiment in FILE (.xmi); writes a run folder under --runs.")
    static final class Train implements Callable<Integer> {

        private final Supplier<Engine> engine;

        @Spec
        private CommandSpec spec;

        @Parameters(paramLabel = "EXPERIMENT", description = "Experiment file (see dhad experiments new).")
        private Path file;

        @Option(names = "--runs", paramLabel = "DIR",
                description = "Parent of run folders (default: $DHAD_WORKSPACE/runs, else ./runs).")
        private Path runs = defaultRuns();

        @Mixin
        private RunOverrides overrides;

        @Option(names = "--evaluate", description = "Evaluate the trained network afterwards.")
        private boolean evaluate;

        Train(Supplier<Engine> engine) {
            this.engine = engine;
        }

        @Override
        public Integer call() throws ModelException, EngineException {
            Engine engine = this.engine.get();
            ExperimentDocument document = engine.model().load(file);
            overrides.applyTo(document);
            RunResult result = train(engine, document.toSpec(), runs, spec, file);
            if (evaluate && !result.canceled()) {
                RunCommands.evaluate(engine, result.runDir(), spec);
            }
            return result.canceled() ? 130 : 0;
        }
    }

    @Command(name = "pretrain", mixinStandardHelpOptions = true,
            description = {"Train the network of EXPERIMENT on its segmentation source alone "
                    + "(segmentation-ce, the feature extractor frozen) and write weights.params, which the "
                    + "experiment's weights field (--weights of dhad experiments new) loads.",
                    "The run folder is <runs>/<name>-pretrain/<time>; resume continues it."})
    static final class Pretrain implements Callable<Integer> {

        private final Supplier<Engine> engine;

        @Spec
        private CommandSpec spec;

        @Parameters(paramLabel = "EXPERIMENT", description = "Experiment file with a segmentation source.")
        private Path file;

        @Option(names = "--runs", paramLabel = "DIR",
                description = "Parent of run folders (default: $DHAD_WORKSPACE/runs, else ./runs).")
        private Path runs = defaultRuns();

        @Mixin
        private RunOverrides overrides;

        @Option(names = "--out", paramLabel = "FILE", description = "Also copy the weights to FILE (.params).")
        private Path out;

        Pretrain(Supplier<Engine> engine) {
            this.engine = engine;
        }

        @Override
        public Integer call() throws ModelException, EngineException, IOException {
            if (out != null && !out.getFileName().toString().endsWith(".params")) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--out " + out
                        + ": expected a file name ending in .params (how the weights field knows the format)");
            }
            Engine engine = this.engine.get();
            ExperimentDocument document = engine.model().load(file);
            overrides.applyTo(document);
            ExperimentSpec experiment = document.toSpec();
            if (experiment.hasSegmentation()) {
                List<String> problems = engine.training().validate(experiment.forPretraining());
                if (!problems.isEmpty()) {
                    throw new EngineException("The pretraining cannot run:\n  " + String.join("\n  ", problems));
                }
            }
            try (ConsoleProgress progress = new ConsoleProgress(spec.commandLine().getErr())) {
                RunResult result = engine.training().pretrain(experiment, runs, progress);
                PrintWriter printer = spec.commandLine().getOut();
                printResult(printer, result);
                if (result.canceled()) {
                    return 130;
                }
                Path weights = TrainingService.pretrainedWeights(result.runDir());
                if (out != null) {
                    Path parent = out.toAbsolutePath().getParent();
                    if (parent != null) {
                        Files.createDirectories(parent);
                    }
                    Files.copy(weights, out, StandardCopyOption.REPLACE_EXISTING);
                    weights = out;
                }
                printer.println("Pretrained weights: " + weights.toAbsolutePath());
                printer.println("Load them with the experiment's weights field, e.g. dhad experiments new PRESET FILE "
                        + "--weights " + weights.toAbsolutePath());
                printer.flush();
                return 0;
            }
        }
    }

    @Command(name = "resume", mixinStandardHelpOptions = true,
            description = "Continue an interrupted run from its last checkpoint.")
    static final class Resume implements Callable<Integer> {

        private final Supplier<Engine> engine;

        @Spec
        private CommandSpec spec;

        @Parameters(paramLabel = "RUN_DIR", description = "The run folder.")
        private Path runDir;

        @Mixin
        private DeviceOption device;

        Resume(Supplier<Engine> engine) {
            this.engine = engine;
        }

        @Override
        public Integer call() throws EngineException {
            try (ConsoleProgress progress = new ConsoleProgress(spec.commandLine().getErr())) {
                RunResult result = engine.get().training().resume(runDir, device.device(), progress);
                printResult(spec.commandLine().getOut(), result);
                return result.canceled() ? 130 : 0;
            }
        }
    }

    @Command(name = "evaluate", mixinStandardHelpOptions = true,
            description = "Score the test images of a run's dataset; print and write metrics.json and heat maps.")
    static final class Evaluate implements Callable<Integer> {

        private final Supplier<Engine> engine;

        @Spec
        private CommandSpec spec;

        @Parameters(paramLabel = "RUN_DIR", description = "The run folder.")
        private Path runDir;

        @Option(names = "--good-rate", split = ",", paramLabel = "SHARE",
                description = "Shares of good test images (and pixels) to choose a good-rate threshold for "
                        + "(default 0.01: 1 %%); dhad predict --threshold good-rate:SHARE uses them.")
        private List<Double> goodRates = List.of(RunThresholds.DEFAULT_GOOD_RATE);

        @Mixin
        private DeviceOption device;

        Evaluate(Supplier<Engine> engine) {
            this.engine = engine;
        }

        @Override
        public Integer call() throws EngineException {
            for (double rate : goodRates) {
                if (!(rate > 0 && rate < 1)) {
                    throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--good-rate " + rate
                            + ": expected a share of good test images between 0 and 1, e.g. 0.01");
                }
            }
            RunCommands.evaluate(engine.get(), runDir, goodRates, device.device(), spec);
            return 0;
        }
    }

    @Command(name = "predict", mixinStandardHelpOptions = true,
            description = {"Decide images with a trained, evaluated run: per image a heat map, a defect mask and an "
                    + "overlay, and one row of predictions.csv/.json (image score, normalised score, verdict, "
                    + "defective area, largest defect's box).",
                    "Folders are walked recursively; files that cannot be read are listed and skipped."})
    static final class Predict implements Callable<Integer> {

        private final Supplier<Engine> engine;

        @Spec
        private CommandSpec spec;

        @Parameters(index = "0", paramLabel = "RUN_DIR", description = "The run folder.")
        private Path runDir;

        @Parameters(index = "1..*", arity = "1..*", paramLabel = "IMAGE|FOLDER", description = "Images, or folders of them.")
        private List<Path> inputs;

        @Option(names = "--out", required = true, paramLabel = "DIR",
                description = "Folder for predictions.csv, predictions.json, heatmaps/, masks/ and overlays/.")
        private Path out;

        @Option(names = "--category", paramLabel = "C",
                description = "The category whose thresholds decide (needed when the run has several).")
        private String category;

        @Option(names = "--threshold", paramLabel = "f1|good-rate:SHARE|VALUE", defaultValue = "f1",
                description = "f1 (default): the F1-optimal thresholds of the test split; good-rate:0.01: those "
                        + "flagging at most 1 %% of good test images (and pixels); VALUE: this score for both.")
        private String threshold;

        @Mixin
        private DeviceOption device;

        Predict(Supplier<Engine> engine) {
            this.engine = engine;
        }

        @Override
        public Integer call() throws EngineException {
            ThresholdChoice choice;
            try {
                choice = ThresholdChoice.parse(threshold);
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--threshold: " + e.getMessage());
            }
            ComputeDevice on = device.device();
            PredictionReport report;
            try (ConsoleProgress progress = new ConsoleProgress(spec.commandLine().getErr(),
                    "Interrupted: stopping after this batch")) {
                report = engine.get().evaluation().predict(runDir, inputs, out, category, choice, on, progress);
            }
            PrintWriter printed = spec.commandLine().getOut();
            DecisionThresholds t = report.thresholds();
            int n = report.predictions().size();
            if (t != null) {
                printed.printf(Locale.ROOT, "%d image(s) decided with the %s thresholds of '%s' (image score >= %s, "
                        + "pixel score >= %s): %d defective, %d good%n", n, t.choice(), t.category(),
                        ThresholdLines.number(t.image()), ThresholdLines.number(t.pixel()), report.defective(),
                        n - report.defective());
            } else {
                printed.printf(Locale.ROOT, "%d image(s) scored (no thresholds: no verdicts)%n", n);
            }
            if (!report.skipped().isEmpty()) {
                printed.printf("%d file(s) skipped:%n", report.skipped().size());
                report.skipped().forEach(s -> printed.println("  " + s));
            }
            printed.printf(Locale.ROOT, "%s and %s in %s (%.1f s)%n", PredictionReport.CSV, PredictionReport.JSON,
                    out, report.seconds());
            printed.flush();
            return 0;
        }
    }

    @Command(name = "demo", mixinStandardHelpOptions = true,
            description = "Train and evaluate on the embedded synthetic data, offline, in a few minutes.")
    static final class Demo implements Callable<Integer> {

        private final Supplier<Engine> engine;

        @Spec
        private CommandSpec spec;

        @Option(names = "--runs", paramLabel = "DIR",
                description = "Parent of run folders (default: $DHAD_WORKSPACE/runs, else ./runs).")
        private Path runs = defaultRuns();

        @Mixin
        private RunOverrides overrides;

        Demo(Supplier<Engine> engine) {
            this.engine = engine;
        }

        @Override
        public Integer call() throws ModelException, EngineException {
            Engine engine = this.engine.get();
            ExperimentDocument document = engine.model().preset("demo");
            overrides.applyTo(document);
            ExperimentSpec demo = document.toSpec();
            spec.commandLine().getOut().println("DenseHybridAD demo: " + demo.backbone().id() + " " + demo.backbone()
                    .settings() + " on the synthetic dataset, " + demo.schedule().epochs() + " epochs at "
                    + demo.schedule().inputSize() + "x" + demo.schedule().inputSize() + ", seed " + demo.seed());
            RunResult result = train(engine, demo, runs, spec, null);
            if (result.canceled()) {
                return 130;
            }
            RunCommands.evaluate(engine, result.runDir(), spec);
            return 0;
        }
    }
}

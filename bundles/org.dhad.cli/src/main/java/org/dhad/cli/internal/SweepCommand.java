package org.dhad.cli.internal;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

import org.dhad.api.PluginException;
import org.dhad.api.Settings;
import org.dhad.api.data.AnomalyDataset;
import org.dhad.api.registry.PluginRegistry;
import org.dhad.engine.EngineException;
import org.dhad.experiment.ExperimentSpec;
import org.dhad.engine.RunResult;
import org.dhad.model.ExperimentDocument;
import org.dhad.model.ModelException;
import org.dhad.report.HtmlReport;
import org.dhad.results.ResultsException;
import org.dhad.results.RunComparison;
import org.dhad.results.RunFolder;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code dhad sweep}: the paper's Table I in one command. Every experiment is loaded and validated before the
 * first one trains, so a typo in the fourth file does not surface hours later; then each is trained and
 * evaluated in turn, and the runs are compared and reported together.
 */
@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = { "Train and evaluate several experiments one after another, then compare them as the paper's "
                + "Table I (Markdown) and write one HTML report of all of them.",
                "With --executor slurm: one Slurm job array, one task per experiment x category x seed, in a sweep "
                        + "folder; follow it with dhad sweep status|table|resubmit SWEEP_DIR." })
final class SweepCommand implements Callable<Integer> {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    /** System property (set by ./dhad) naming the launcher that the cluster's tasks start. */
    static final String LAUNCHER_PROPERTY = "dhad.launcher";

    enum Executor { local, slurm }

    private final Supplier<RunCommands.Engine> engine;
    private final PluginRegistry registry;
    private final SlurmClient slurm;

    @Spec
    private CommandSpec spec;

    @Parameters(arity = "0..*", paramLabel = "EXPERIMENT", description = "Experiment files (.xmi), run in this order.")
    private List<Path> files;

    @Option(names = "--executor", paramLabel = "WHERE",
            description = "local (one after another in this process) or slurm (a job array); default: ${DEFAULT-VALUE}.")
    private Executor executor = Executor.local;

    @Option(names = "--parallel", paramLabel = "N",
            description = "local: run the tasks of the Slurm executor (experiment x category x seed) as N processes "
                    + "at a time on this machine, then print the sweep's table (default: ${DEFAULT-VALUE}: every "
                    + "experiment in turn in this process).")
    private int parallel = 1;

    @Option(names = "--categories", split = ",", paramLabel = "C",
            description = "slurm or --parallel: categories, one task each (default: the experiment's, else all of "
                    + "its dataset).")
    private List<String> categories;

    @Option(names = "--seeds", split = ",", paramLabel = "N",
            description = "slurm or --parallel: seeds, one task each (default: the experiment's seed).")
    private List<Long> seeds;

    @Option(names = "--dry-run", description = "slurm: write the sweep folder and print the batch script; submit nothing.")
    private boolean dryRun;

    @Option(names = "--partition", paramLabel = "P", description = "slurm: sbatch --partition.")
    private String partition;

    @Option(names = "--time", paramLabel = "LIMIT", description = "slurm: time limit per task (sbatch --time, e.g. 4:00:00).")
    private String time;

    @Option(names = "--cpus-per-task", paramLabel = "N", description = "slurm: sbatch --cpus-per-task (libtorch's threads).")
    private Integer cpusPerTask;

    @Option(names = "--mem", paramLabel = "SIZE", description = "slurm: memory per task (sbatch --mem, e.g. 16G).")
    private String mem;

    @Option(names = "--gpus-per-task", paramLabel = "N", description = "slurm: sbatch --gpus-per-task.")
    private String gpusPerTask;

    @Option(names = "--max-parallel", paramLabel = "N", description = "slurm: tasks running at once (the array's %%N).")
    private Integer maxParallel;

    @Option(names = "--account", paramLabel = "A", description = "slurm: sbatch --account.")
    private String account;

    @Option(names = "--sbatch", paramLabel = "OPTION",
            description = "slurm: any other sbatch option, written as an #SBATCH line (repeatable), e.g. --sbatch=--qos=long.")
    private List<String> sbatchOptions;

    @Option(names = "--runs", paramLabel = "DIR",
            description = "Parent of run folders (default: $DHAD_WORKSPACE/runs, else ./runs).")
    private Path runs = RunCommands.defaultRuns();

    @Mixin
    private RunOverrides overrides;

    @Option(names = { "-o", "--output" }, paramLabel = "FILE",
            description = "The sweep's HTML report (default: <runs>/sweep-<timestamp>.html; the Markdown table is "
                    + "written beside it as .md).")
    private Path output;

    SweepCommand(Supplier<RunCommands.Engine> engine, PluginRegistry registry, SlurmClient slurm) {
        this.engine = engine;
        this.registry = registry;
        this.slurm = slurm;
    }

    @Override
    public Integer call() throws EngineException, ResultsException, IOException {
        if (files == null || files.isEmpty()) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "Missing required parameter: EXPERIMENT (or a subcommand: status, table, resubmit)");
        }
        if (parallel < 1) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--parallel " + parallel + ": expected 1 or more processes");
        }
        if (executor == Executor.slurm && parallel > 1) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--parallel goes with --executor local; Slurm's limit is --max-parallel");
        }
        if (executor == Executor.slurm || parallel > 1) {
            try {
                return executor == Executor.slurm ? slurm() : parallel();
            } catch (IOException e) {
                // what Slurm or the file system said, on one line
                throw new IllegalStateException(e.getMessage(), e);
            }
        }
        if (categories != null || seeds != null || dryRun) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--categories and --seeds go with --executor slurm or --parallel N; --dry-run with --executor slurm");
        }
        RunCommands.Engine services = engine.get();
        List<ExperimentSpec> specs = validated(services);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<RunFolder> finished = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            out.printf("%n== %d/%d: %s (%s)%n", i + 1, specs.size(), specs.get(i).name(), files.get(i));
            out.flush();
            try {
                RunResult result = RunCommands.train(services, specs.get(i), runs, spec, files.get(i));
                if (result.canceled()) {
                    err.println("dhad sweep: canceled during " + files.get(i) + "; the runs so far are compared below");
                    break;
                }
                RunCommands.evaluate(services, result.runDir(), spec);
                finished.add(RunFolder.open(result.runDir()));
            } catch (EngineException e) {
                // one failed experiment must not lose the others: note it and go on
                failed.add(files.get(i) + ": " + e.getMessage());
                err.println("dhad sweep: " + files.get(i) + " failed: " + e.getMessage());
            }
            err.flush();
        }
        if (!finished.isEmpty()) {
            summarise(finished, out);
        }
        if (!failed.isEmpty()) {
            err.println("dhad sweep: " + failed.size() + " of " + specs.size() + " experiments failed:\n  "
                    + String.join("\n  ", failed));
            err.flush();
            return 1;
        }
        return finished.size() == specs.size() ? 0 : 130;
    }

    /**
     * Validates every task (experiment x category x seed) first, as the local sweep does, then writes the sweep
     * folder (experiment copies, sweep.json, the batch script) and submits it. A submission that fails removes
     * the folder again: nothing half-written stays.
     */
    private int slurm() throws EngineException, IOException {
        PrintWriter out = spec.commandLine().getOut();
        if (!dryRun) {
            slurm.checkReachable();
        }
        SweepFolder sweep = writeSweep();
        if (dryRun) {
            out.print(Files.readString(sweep.script(), StandardCharsets.UTF_8));
            out.println("Dry run: nothing submitted; submit with: sbatch " + sweep.script());
            out.println("Sweep folder: " + sweep.dir());
            out.flush();
            return 0;
        }
        int tasks = sweep.tasks().size();
        try {
            String job = slurm.submit(sweep.script(), null);
            sweep.addJob(new SweepFolder.Job(job, "0-" + (tasks - 1)));
            sweep.save();
        } catch (IOException | RuntimeException e) {
            deleteTree(sweep.dir());
            throw new IOException(e.getMessage() + " (nothing submitted; " + sweep.dir() + " removed)", e);
        }
        out.println("Submitted job " + sweep.jobs().get(0).id() + ": " + tasks + " tasks ("
                + files.size() + " experiments x categories x seeds)");
        out.println("Sweep folder: " + sweep.dir());
        out.println("Follow it with: dhad sweep status " + sweep.dir() + "; then dhad sweep table " + sweep.dir());
        out.flush();
        return 0;
    }

    /**
     * {@code --parallel N}: the sweep folder and script of the Slurm executor, its tasks run on this machine N
     * at a time (each with its share of the cores), then the sweep's table.
     */
    private int parallel() throws EngineException, IOException, ResultsException {
        PrintWriter out = spec.commandLine().getOut();
        SweepFolder sweep = writeSweep();
        out.println("Sweep folder: " + sweep.dir() + " (" + sweep.tasks().size() + " tasks, " + parallel
                + " at a time; each task's output in <task>/task.out and task.err)");
        out.flush();
        String threads = System.getenv("DHAD_THREADS") != null ? null
                : String.valueOf(Math.max(1, Runtime.getRuntime().availableProcessors() / parallel));
        List<Integer> failed;
        try {
            failed = new LocalJobArray(sweep, parallel, threads).run(out);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 130;
        }
        int table = SweepFolderCommands.Table.print(sweep, out, spec.commandLine().getErr());
        if (!failed.isEmpty()) {
            spec.commandLine().getErr().println("dhad sweep: " + failed.size() + " of " + sweep.tasks().size()
                    + " tasks failed (" + SweepFolder.arrayIndices(failed) + "); run them again, each resuming its "
                    + "run, with: SLURM_ARRAY_TASK_ID=<index> bash " + sweep.script());
            spec.commandLine().getErr().flush();
            return 1;
        }
        return table;
    }

    /**
     * Validates every task (experiment x category x seed) first, as the local sweep validates every experiment,
     * then writes the sweep folder: experiment copies, sweep.json and the batch script. Nothing is written when
     * any task has a problem; a folder that could not be written whole is removed.
     */
    private SweepFolder writeSweep() throws EngineException, IOException {
        String launcher = System.getProperty(LAUNCHER_PROPERTY);
        if (launcher == null || launcher.isBlank()) {
            throw new IOException("the dhad launcher is unknown (system property " + LAUNCHER_PROPERTY
                    + "); start dhad through ./dhad so the tasks can start it too");
        }
        RunCommands.Engine services = engine.get();
        Path dir = runs.toAbsolutePath().normalize().resolve("sweep-" + LocalDateTime.now().format(STAMP));
        if (dir.toString().chars().anyMatch(Character::isWhitespace)) {
            throw new IOException(dir + ": Slurm's #SBATCH lines cannot hold a path with spaces; choose --runs "
                    + "without them");
        }
        List<SweepFolder.Task> tasks = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Path file : files) {
            try {
                ExperimentDocument document = services.model().load(file);
                overrides.applyTo(document);
                String name = document.getName();
                for (String category : categoriesOf(document.toSpec(), problems, file)) {
                    for (long seed : seeds != null ? seeds : List.of(document.getSeed())) {
                        String task = (name + "-" + category + "-s" + seed).replaceAll("[^A-Za-z0-9._-]", "_");
                        if (tasks.stream().anyMatch(t -> t.name().equals(task))) {
                            problems.add(file + ": task " + task + " twice (two experiments named " + name
                                    + "?); expected one task per experiment x category x seed");
                            continue;
                        }
                        taskCopy(document, task, category, seed);
                        services.training().validate(document.toSpec())
                                .forEach(p -> problems.add(file + " (" + category + ", seed " + seed + "): " + p));
                        tasks.add(new SweepFolder.Task(tasks.size(), task, file.toAbsolutePath().normalize()
                                .toString(), name, category, seed));
                    }
                }
            } catch (ModelException e) {
                String message = e.getMessage();
                problems.add(message.contains(file.toString()) ? message : file + ": " + message);
            }
        }
        if (!problems.isEmpty()) {
            throw new EngineException("nothing was written or submitted; the sweep's tasks have problems:\n  "
                    + String.join("\n  ", problems));
        }
        SweepFolder sweep = new SweepFolder(dir, LocalDateTime.now().toString(), launcher, maxParallel, tasks, List.of());
        try {
            Files.createDirectories(dir.resolve(SweepFolder.EXPERIMENTS));
            for (SweepFolder.Task task : tasks) {
                ExperimentDocument document = services.model().load(Path.of(task.experiment()));
                overrides.applyTo(document);
                taskCopy(document, task.name(), task.category(), task.seed());
                document.save(sweep.experimentCopy(task));
            }
            sweep.save();
            String script = SlurmArrayScript.of(sweep, new SlurmArrayScript.Options(partition, time, cpusPerTask, mem,
                    gpusPerTask, account, sbatchOptions), taskEnvironment());
            Files.writeString(sweep.script(), script, StandardCharsets.UTF_8);
        } catch (IOException | ModelException | RuntimeException e) {
            deleteTree(dir);
            throw new IOException(e.getMessage() + " (" + dir + " removed)", e);
        }
        return sweep;
    }

    /** The document as a task's copy: one category, one seed, named after the task (its run folder's parent). */
    private static void taskCopy(ExperimentDocument document, String task, String category, long seed) {
        document.setName(task);
        document.setCategories(List.of(category));
        document.setSeed(seed);
    }

    /** --categories, else the experiment's own, else every category its dataset has. */
    private List<String> categoriesOf(ExperimentSpec experiment, List<String> problems, Path file) {
        if (categories != null && !categories.isEmpty()) {
            return categories;
        }
        if (!experiment.categories().isEmpty()) {
            return experiment.categories();
        }
        try {
            AnomalyDataset dataset = registry.get(AnomalyDataset.class, experiment.dataset().id());
            return dataset.open(new Settings(experiment.dataset().id(), dataset.settings(),
                    experiment.dataset().settings())).categories();
        } catch (PluginException | RuntimeException e) {
            problems.add(file + ": the categories of dataset '" + experiment.dataset().id()
                    + "' cannot be listed: " + e.getMessage() + "; give them with --categories");
            return List.of();
        }
    }

    /** What this process was started with that the tasks need the same on every node. */
    private static java.util.Map<String, String> taskEnvironment() {
        java.util.Map<String, String> env = new java.util.LinkedHashMap<>();
        env.put("DHAD_NATIVE_CACHE", System.getProperty("dhad.native.cache"));
        env.put("DHAD_PLUGINS_DIR", System.getProperty("dhad.plugins.dir"));
        env.put("DHAD_KEEP_CHECKPOINTS", System.getProperty("dhad.checkpoints.keep"));
        env.put("DHAD_DATA_CACHE_MB", System.getProperty("dhad.data.cache-mb"));
        env.put("DHAD_KERNELS", System.getProperty("dhad.kernels"));
        env.put("DHAD_DATA_CACHE_DIR", System.getProperty("dhad.data.cache-dir"));
        env.put("DHAD_DATA_CACHE_DISK_MB", System.getProperty("dhad.data.cache-disk-mb"));
        env.put("DHAD_HEAP", System.getenv("DHAD_HEAP"));
        env.put("DHAD_ALLOCATOR", System.getenv("DHAD_ALLOCATOR"));
        return env;
    }

    /** Deletes {@code dir} and everything in it, as far as it can. */
    static void deleteTree(Path dir) {
        try (java.util.stream.Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // best effort: the message above names the folder
        }
    }

    /** Loads every file and validates every experiment; all problems of all files in one message. */
    private List<ExperimentSpec> validated(RunCommands.Engine services) throws EngineException {
        List<ExperimentSpec> specs = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Path file : files) {
            try {
                ExperimentDocument document = services.model().load(file);
                overrides.applyTo(document);
                ExperimentSpec experiment = document.toSpec();
                services.training().validate(experiment).forEach(p -> problems.add(file + ": " + p));
                specs.add(experiment);
            } catch (ModelException e) {
                String message = e.getMessage();
                problems.add(message.contains(file.toString()) ? message : file + ": " + message);
            }
        }
        if (!problems.isEmpty()) {
            throw new EngineException("nothing was trained; the sweep's experiments have problems:\n  "
                    + String.join("\n  ", problems));
        }
        return specs;
    }

    private void summarise(List<RunFolder> finished, PrintWriter out) throws ResultsException {
        String markdown = RunComparison.of(finished, null).toMarkdown();
        out.println();
        out.print(markdown);
        Path html = output != null ? output : runs.resolve("sweep-" + LocalDateTime.now().format(STAMP) + ".html");
        Path md = html.resolveSibling(html.getFileName().toString().replaceFirst("\\.html?$", "") + ".md");
        try {
            Files.writeString(md, markdown, StandardCharsets.UTF_8);
            out.println("Table: " + md);
            out.println("Report: " + ReportCommands.writeReport(finished, html, HtmlReport.DEFAULT_IMAGES_PER_DEFECT));
        } catch (IOException e) {
            spec.commandLine().getErr().println("Warning: the sweep's table or report was not written: "
                    + e.getMessage());
        }
        out.flush();
    }
}

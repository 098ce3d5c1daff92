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
        description = "Train and evaluate several experiments one after another, then compare them as the paper's "
                + "Table I (Markdown) and write one HTML report of all of them.")
final class SweepCommand implements Callable<Integer> {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private final Supplier<RunCommands.Engine> engine;

    @Spec
    private CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "EXPERIMENT", description = "Experiment files (.xmi), run in this order.")
    private List<Path> files;

    @Option(names = "--runs", paramLabel = "DIR",
            description = "Parent of run folders (default: $DHAD_WORKSPACE/runs, else ./runs).")
    private Path runs = RunCommands.defaultRuns();

    @Mixin
    private RunOverrides overrides;

    @Option(names = { "-o", "--output" }, paramLabel = "FILE",
            description = "The sweep's HTML report (default: <runs>/sweep-<timestamp>.html; the Markdown table is "
                    + "written beside it as .md).")
    private Path output;

    SweepCommand(Supplier<RunCommands.Engine> engine) {
        this.engine = engine;
    }

    @Override
    public Integer call() throws EngineException, ResultsException {
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

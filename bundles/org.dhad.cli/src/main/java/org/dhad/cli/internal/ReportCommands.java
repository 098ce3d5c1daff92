package org.dhad.cli.internal;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

import org.dhad.report.HtmlReport;
import org.dhad.results.Percent;
import org.dhad.results.ResultsException;
import org.dhad.results.RunComparison;
import org.dhad.results.RunConfiguration;
import org.dhad.results.RunFolder;
import org.dhad.results.RunMetrics;
import org.dhad.results.SettingDifference;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code dhad report|compare}: the HTML report and the Table I comparison of finished runs. */
final class ReportCommands {

    /** The report's file name in a run folder. */
    static final String REPORT = "report.html";

    private ReportCommands() {
    }

    /** Output formats of {@code dhad compare}. */
    enum Format {
        text, csv, markdown
    }

    /**
     * The run folders named by {@code dirs}: each a run folder, or a folder holding run folders (newest first).
     * A run named twice is listed once.
     */
    static List<RunFolder> runs(List<Path> dirs) throws ResultsException {
        Set<RunFolder> runs = new LinkedHashSet<>();
        for (Path dir : dirs) {
            if (!Files.isDirectory(dir)) {
                throw new ResultsException(dir + ": no such folder; expected a run folder or a folder of runs");
            }
            if (RunFolder.isRun(dir)) {
                runs.add(RunFolder.open(dir));
                continue;
            }
            List<RunFolder> found = RunFolder.find(dir);
            if (found.isEmpty()) {
                throw new ResultsException(dir + ": not a run folder and holds none; expected " + RunFolder
                        .EXPERIMENT_FILE + " in it or in folders below it (<runs>/<experiment>/<timestamp>/)");
            }
            runs.addAll(found);
        }
        return List.copyOf(runs);
    }

    /** Writes the report of {@code runs} to {@code file}; the message names the file when that fails. */
    static Path writeReport(List<RunFolder> runs, Path file, int imagesPerDefect) throws IOException {
        // the report draws charts and thumbnails off-screen: no display is needed, and a stale DISPLAY must not matter
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        try {
            return new HtmlReport(runs).imagesPerDefect(imagesPerDefect).write(file);
        } catch (FileSystemException e) {
            // these carry only the path as message; say what went wrong on which file
            String reason = e.getReason() != null ? e.getReason()
                    : e instanceof AccessDeniedException ? "permission denied"
                    : e instanceof NoSuchFileException ? "cannot be created there" : e.getClass().getSimpleName();
            throw new IOException(file + ": cannot be written (" + e.getFile() + ": " + reason
                    + "); expected a writable folder, or another file with -o FILE", e);
        } catch (IOException e) {
            String message = String.valueOf(e.getMessage());
            throw message.contains(file.toAbsolutePath().getParent().toString()) ? e
                    : new IOException(file + ": cannot be written: " + message, e);
        }
    }

    /** After an evaluation: writes {@code <run>/report.html}; a failure is a warning, the run stays evaluated. */
    static void afterEvaluation(Path runDir, PrintWriter out, PrintWriter err) {
        try {
            Path written = writeReport(List.of(RunFolder.open(runDir)), runDir.resolve(REPORT),
                    HtmlReport.DEFAULT_IMAGES_PER_DEFECT);
            out.println("Report: " + written);
        } catch (ResultsException | IOException | RuntimeException e) {
            err.println("Warning: the report was not written: " + e.getMessage());
        }
        out.flush();
        err.flush();
    }

    @Command(name = "report", mixinStandardHelpOptions = true,
            description = "Write one self-contained HTML report (tables, charts, heat maps) of one or more runs.")
    static final class Report implements Callable<Integer> {

        @Spec
        private CommandSpec spec;

        @Parameters(arity = "1..*", paramLabel = "RUN_DIR",
                description = "Run folders, or folders holding run folders (a workspace, its runs folder).")
        private List<Path> dirs;

        @Option(names = { "-o", "--output" }, paramLabel = "FILE",
                description = "The HTML file (default: RUN_DIR/report.html for one run, ./report.html for several).")
        private Path output;

        @Option(names = "--images-per-defect", paramLabel = "N",
                description = "Heat maps shown per category and defect type (default: ${DEFAULT-VALUE}).")
        private int imagesPerDefect = HtmlReport.DEFAULT_IMAGES_PER_DEFECT;

        @Override
        public Integer call() throws ResultsException {
            if (imagesPerDefect < 0) {
                throw new IllegalArgumentException("--images-per-defect " + imagesPerDefect + ": expected 0 or more");
            }
            List<RunFolder> runs = runs(dirs);
            Path file = output != null ? output
                    : runs.size() == 1 ? runs.get(0).dir().resolve(REPORT) : Path.of(REPORT);
            Path written;
            try {
                written = writeReport(runs, file, imagesPerDefect);
            } catch (IOException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
            PrintWriter out = spec.commandLine().getOut();
            out.println(written.toAbsolutePath().normalize());
            out.flush();
            return 0;
        }
    }

    @Command(name = "runs", mixinStandardHelpOptions = true,
            description = "List the runs under folders (default: the workspace's runs): state, epochs, mean metrics, "
                    + "configuration (backbone and its file, freeze, patches, seed) and any other setting in which "
                    + "runs of the same experiment differ.")
    static final class Runs implements Callable<Integer> {

        @Spec
        private CommandSpec spec;

        @Parameters(arity = "0..*", paramLabel = "DIR",
                description = "Run folders or folders holding them (default: $DHAD_WORKSPACE/runs, else ./runs).")
        private List<Path> dirs;

        @Override
        public Integer call() throws ResultsException {
            PrintWriter out = spec.commandLine().getOut();
            List<RunFolder> found;
            if (dirs == null || dirs.isEmpty()) {
                // the default folder may not exist yet: that is an empty workspace, not a mistake
                Path root = RunCommands.defaultRuns();
                found = RunFolder.find(root);
                if (found.isEmpty()) {
                    out.println("No runs under " + root.toAbsolutePath().normalize()
                            + " yet; dhad train or dhad demo writes them there");
                    out.flush();
                    return 0;
                }
            } else {
                found = runs(dirs);
            }
            Map<RunFolder, String> settings = differingSettings(found);
            TextTable table = new TextTable("RUN", "STATE", "EPOCHS", "PIXEL AUROC %", "PIXEL AP %", "CONFIGURATION",
                    "SETTINGS", "FOLDER");
            for (RunFolder run : found) {
                Map<String, Double> mean = run.metrics().map(RunMetrics::mean).orElse(Map.of());
                String configuration = run.configuration().shortSummary();
                table.row(run.label(), run.state().name().toLowerCase(Locale.ROOT),
                        run.trainedEpochs() + "/" + run.configuration().epochs(), Percent.of(mean.get("pixel-auroc")),
                        Percent.of(mean.get("pixel-ap")), configuration.isEmpty() ? "-" : configuration, settings.get(run),
                        run.dir());
            }
            table.print(out);
            out.flush();
            return 0;
        }

        /**
         * For each run, what sets it apart from the other runs of its experiment ({@code backbone file=a.pt}):
         * runs of one experiment share a label but for the time, while other experiments differ by name already
         * (and in many settings, which would bury the one that matters). What the CONFIGURATION column shows
         * already (backbone file, freeze, patches, seed) is not repeated.
         */
        private static Map<RunFolder, String> differingSettings(List<RunFolder> runs) {
            Map<String, List<RunFolder>> byExperiment = new LinkedHashMap<>();
            runs.forEach(r -> byExperiment.computeIfAbsent(r.configuration().name(), n -> new ArrayList<>()).add(r));
            Map<RunFolder, String> out = new HashMap<>();
            for (List<RunFolder> experiment : byExperiment.values()) {
                List<SettingDifference> differences = SettingDifference.between(experiment.stream()
                        .map(RunFolder::configuration).toList()).stream()
                        .filter(d -> !RunConfiguration.SHORT_SUMMARY_KEYS.contains(d.key())).toList();
                for (int i = 0; i < experiment.size(); i++) {
                    String summary = SettingDifference.summary(differences, i);
                    out.put(experiment.get(i), summary.isEmpty() ? "-" : summary);
                }
            }
            return out;
        }
    }

    @Command(name = "compare", mixinStandardHelpOptions = true,
            description = "Compare runs as the paper's Table I: configuration and each metric in percent.")
    static final class Compare implements Callable<Integer> {

        @Spec
        private CommandSpec spec;

        @Parameters(arity = "1..*", paramLabel = "RUN_DIR",
                description = "Run folders, or folders holding run folders (a workspace, its runs folder).")
        private List<Path> dirs;

        @Option(names = "--category", paramLabel = "C",
                description = "Compare on one category (default: the mean over categories).")
        private String category;

        @Option(names = "--format", paramLabel = "FORMAT",
                description = "text, csv or markdown (default: ${DEFAULT-VALUE}).")
        private Format format = Format.text;

        @Option(names = { "-o", "--output" }, paramLabel = "FILE", description = "Write the table to FILE.")
        private Path output;

        @Override
        public Integer call() throws ResultsException {
            List<RunFolder> runs = runs(dirs);
            if (category != null) {
                checkCategory(runs);
            }
            RunComparison comparison = RunComparison.of(runs, category);
            String table = switch (format) {
                case csv -> comparison.toCsv();
                case markdown -> comparison.toMarkdown();
                case text -> text(comparison);
            };
            PrintWriter out = spec.commandLine().getOut();
            if (output == null) {
                out.print(table);
            } else {
                try {
                    Files.writeString(output, table, StandardCharsets.UTF_8);
                } catch (IOException e) {
                    throw new IllegalStateException(output + ": cannot be written (" + e.getClass().getSimpleName()
                            + " " + e.getMessage() + "); expected a file in an existing, writable folder", e);
                }
                out.println(output.toAbsolutePath().normalize());
            }
            out.flush();
            return 0;
        }

        private void checkCategory(List<RunFolder> runs) throws ResultsException {
            Set<String> known = new LinkedHashSet<>();
            for (RunFolder run : runs) {
                run.metrics().map(RunMetrics::perCategory).ifPresent(m -> known.addAll(m.keySet()));
                known.addAll(run.configuration().categories());
            }
            if (!known.contains(category)) {
                throw new IllegalArgumentException("--category " + category + ": no run has it; expected one of "
                        + (known.isEmpty() ? "the categories of an evaluated run" : String.join(", ", known)));
            }
        }

        /** Aligned columns; the best value of each metric is marked with a star. */
        private static String text(RunComparison comparison) {
            List<List<String>> rows = new ArrayList<>(comparison.rows());
            int first = comparison.configurationColumns().size();
            for (int m = 0; m < comparison.metrics().size(); m++) {
                int best = comparison.best(comparison.metrics().get(m).id());
                if (best >= 0) {
                    List<String> row = new ArrayList<>(rows.get(best));
                    row.set(first + m, row.get(first + m) + " *");
                    rows.set(best, row);
                }
            }
            TextTable table = new TextTable(comparison.header().stream().map(h -> h.toUpperCase(Locale.ROOT))
                    .toArray(String[]::new));
            rows.forEach(r -> table.row(r.toArray()));
            java.io.StringWriter text = new java.io.StringWriter();
            table.print(new PrintWriter(text));
            if (!comparison.metrics().isEmpty()) {
                text.append("* best of the runs compared")
                        .append(comparison.category() == null ? ", on the mean over categories" : ", on " + comparison
                                .category()).append(System.lineSeparator());
            }
            return text.toString();
        }
    }
}

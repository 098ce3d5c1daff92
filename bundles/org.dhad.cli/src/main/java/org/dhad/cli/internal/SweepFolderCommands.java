package org.dhad.cli.internal;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;

import org.dhad.report.HtmlReport;
import org.dhad.results.Percent;
import org.dhad.results.ResultsException;
import org.dhad.results.RunComparison;
import org.dhad.results.RunFolder;
import org.dhad.results.RunMetrics;
import org.dhad.results.RunState;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code dhad sweep status|table|resubmit SWEEP_DIR}: following a sweep handed to Slurm. */
final class SweepFolderCommands {

    /** Slurm states of a task that is still queued or running: a resubmission leaves it alone. */
    private static final Set<String> ACTIVE = Set.of("PENDING", "CONFIGURING", "RUNNING", "COMPLETING", "SUSPENDED",
            "REQUEUED", "RESIZING");

    private SweepFolderCommands() {
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = "Each task of a sweep: its Slurm state (squeue, sacct) beside its run's state, epochs and "
                    + "metrics.")
    static final class Status implements Callable<Integer> {

        private final SlurmClient slurm;

        @Spec
        private CommandSpec spec;

        @Parameters(paramLabel = "SWEEP_DIR", description = "The sweep folder dhad sweep --executor slurm printed.")
        private Path dir;

        Status(SlurmClient slurm) {
            this.slurm = slurm;
        }

        @Override
        public Integer call() throws ResultsException {
            SweepFolder sweep = open(dir);
            PrintWriter out = spec.commandLine().getOut();
            Map<Integer, String> states;
            String unknown;
            try {
                states = slurm.states(sweep.jobs().stream().map(SweepFolder.Job::id).toList());
                // a task that is neither queued nor in accounting has ended
                unknown = sweep.jobs().isEmpty() ? "not submitted" : "ended";
            } catch (IOException e) {
                states = Map.of();
                unknown = "?";
                spec.commandLine().getErr().println("Warning: Slurm does not answer (" + e.getMessage()
                        + "); the SLURM column is unknown");
                spec.commandLine().getErr().flush();
            }
            TextTable table = new TextTable("TASK", "EXPERIMENT", "CATEGORY", "SEED", "SLURM", "RUN", "EPOCHS",
                    "PIXEL AUROC %", "PIXEL AP %", "RUN FOLDER");
            int evaluated = 0;
            for (SweepFolder.Task task : sweep.tasks()) {
                Optional<RunFolder> run = sweep.run(task);
                Map<String, Double> mean = run.isPresent()
                        ? run.get().metrics().map(RunMetrics::mean).orElse(Map.of()) : Map.of();
                evaluated += mean.isEmpty() ? 0 : 1;
                String slurmState = states.getOrDefault(task.index(), unknown);
                table.row(String.valueOf(task.index()), task.experimentName(), task.category(),
                        String.valueOf(task.seed()), slurmState, run.map(r -> runState(r, slurmState))
                                .orElse("not started"),
                        run.map(r -> r.trainedEpochs() + "/" + r.configuration().epochs()).orElse("-"),
                        Percent.of(mean.get("pixel-auroc")), Percent.of(mean.get("pixel-ap")),
                        run.map(r -> sweep.dir().relativize(r.dir()).toString()).orElse("-"));
            }
            table.print(out);
            out.println(evaluated + " of " + sweep.tasks().size() + " tasks evaluated; jobs "
                    + String.join(", ", sweep.jobs().stream().map(SweepFolder.Job::id).toList()) + "; output of a "
                    + "task in " + sweep.dir() + "/<task>/task.out and task.err");
            out.flush();
            return 0;
        }
    }

    /**
     * The run's state, except that a run whose log changed a moment ago but whose task Slurm has ended is
     * stopped: the folder alone cannot tell a run just killed from one still training.
     */
    private static String runState(RunFolder run, String slurmState) {
        RunState state = run.state();
        boolean ended = !slurmState.equals("?") && !ACTIVE.contains(slurmState);
        return (state == RunState.TRAINING && ended ? RunState.STOPPED : state).name().toLowerCase(Locale.ROOT);
    }

    /** The sweep folder, or a one-line error naming it. */
    private static SweepFolder open(Path dir) {
        try {
            return SweepFolder.open(dir);
        } catch (IOException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    @Command(name = "table", mixinStandardHelpOptions = true,
            description = "The sweep's Table I (Markdown): the mean over categories, then each category, each value "
                    + "the mean over seeds ± their standard deviation; writes table.md and report.html in the sweep "
                    + "folder.")
    static final class Table implements Callable<Integer> {

        @Spec
        private CommandSpec spec;

        @Parameters(paramLabel = "SWEEP_DIR", description = "The sweep folder.")
        private Path dir;

        @Override
        public Integer call() throws ResultsException {
            return print(open(dir), spec.commandLine().getOut(), spec.commandLine().getErr());
        }

        /** Prints the table of the evaluated tasks and writes table.md and report.html; 1 when none is. */
        static int print(SweepFolder sweep, PrintWriter out, PrintWriter err) throws ResultsException {
            Map<String, List<RunFolder>> rows = new LinkedHashMap<>();
            Set<String> categories = new LinkedHashSet<>();
            List<RunFolder> evaluated = new ArrayList<>();
            List<String> pending = new ArrayList<>();
            for (SweepFolder.Task task : sweep.tasks()) {
                Optional<RunFolder> run = sweep.run(task);
                if (run.isPresent() && run.get().metrics().isPresent()) {
                    rows.computeIfAbsent(task.experimentName(), n -> new ArrayList<>()).add(run.get());
                    categories.add(task.category());
                    evaluated.add(run.get());
                } else {
                    pending.add(task.index() + " " + task.name());
                }
            }
            if (rows.isEmpty()) {
                err.println("dhad sweep table: no task of " + sweep.dir() + " is evaluated yet; see dhad sweep status "
                        + sweep.dir());
                err.flush();
                return 1;
            }
            StringBuilder markdown = new StringBuilder("## Mean over categories\n\n")
                    .append(RunComparison.overSeeds(rows, null).toMarkdown());
            for (String category : categories) {
                markdown.append("\n## ").append(category).append("\n\n")
                        .append(RunComparison.overSeeds(rows, category).toMarkdown());
            }
            out.print(markdown);
            out.println();
            Path md = sweep.dir().resolve("table.md");
            try {
                Files.writeString(md, markdown, StandardCharsets.UTF_8);
                out.println("Table: " + md);
                out.println("Report: " + ReportCommands.writeReport(evaluated, sweep.dir().resolve("report.html"),
                        HtmlReport.DEFAULT_IMAGES_PER_DEFECT));
            } catch (IOException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
            out.flush();
            if (!pending.isEmpty()) {
                err.println("Note: " + pending.size() + " of " + sweep.tasks().size() + " tasks are not evaluated "
                        + "and left out: " + String.join(", ", pending));
                err.flush();
            }
            return 0;
        }
    }

    @Command(name = "resubmit", mixinStandardHelpOptions = true,
            description = "Submit again the tasks of a sweep whose runs are not evaluated and that Slurm is not "
                    + "running; each continues from its run's last checkpoint.")
    static final class Resubmit implements Callable<Integer> {

        private final SlurmClient slurm;

        @Spec
        private CommandSpec spec;

        @Parameters(paramLabel = "SWEEP_DIR", description = "The sweep folder.")
        private Path dir;

        Resubmit(SlurmClient slurm) {
            this.slurm = slurm;
        }

        @Override
        public Integer call() throws ResultsException {
            SweepFolder sweep = open(dir);
            Map<Integer, String> states;
            try {
                slurm.checkReachable();
                states = slurm.states(sweep.jobs().stream().map(SweepFolder.Job::id).toList());
            } catch (IOException e) {
                throw new IllegalStateException(e.getMessage() + "; nothing resubmitted", e);
            }
            List<Integer> again = new ArrayList<>();
            List<String> active = new ArrayList<>();
            for (SweepFolder.Task task : sweep.tasks()) {
                if (sweep.finished(task)) {
                    continue;
                }
                if (ACTIVE.contains(states.getOrDefault(task.index(), ""))) {
                    active.add(String.valueOf(task.index()));
                } else {
                    again.add(task.index());
                }
            }
            PrintWriter out = spec.commandLine().getOut();
            String still = active.isEmpty() ? "" : "; still queued or running, left alone: " + String.join(", ", active);
            if (again.isEmpty()) {
                out.println("Nothing to resubmit in " + sweep.dir() + still);
                out.flush();
                return 0;
            }
            String indices = SweepFolder.arrayIndices(again);
            String job;
            try {
                job = slurm.submit(sweep.script(), SlurmArrayScript.array(sweep, indices));
            } catch (IOException e) {
                throw new IllegalStateException(e.getMessage() + "; nothing resubmitted", e);
            }
            sweep.addJob(new SweepFolder.Job(job, indices));
            try {
                sweep.save();
            } catch (IOException e) {
                throw new IllegalStateException("job " + job + " was submitted (tasks " + indices + ") but "
                        + sweep.dir().resolve(SweepFolder.FILE) + " could not record it: " + e.getMessage(), e);
            }
            out.println("Submitted job " + job + ": tasks " + indices + still);
            out.flush();
            return 0;
        }
    }
}

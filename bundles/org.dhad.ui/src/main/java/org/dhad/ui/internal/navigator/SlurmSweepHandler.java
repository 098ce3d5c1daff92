package org.dhad.ui.internal.navigator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.dhad.ui.internal.WorkspaceFolders;
import org.dhad.ui.internal.navigator.NavigatorNode.ExperimentFile;
import org.dhad.ui.results.UserDialogs;
import org.eclipse.e4.core.di.annotations.CanExecute;
import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.ui.workbench.modeling.ESelectionService;
import org.eclipse.swt.custom.BusyIndicator;

/**
 * Start Slurm Sweep... (navigator menu): hands the selected experiments to Slurm through the command line,
 * {@code dhad sweep <experiments> --executor slurm --runs <workspace>/runs <options>}, so the sweep is the one
 * {@code dhad} writes and checks; its runs then appear in the navigator as they train.
 */
public final class SlurmSweepHandler {

    static final String TITLE = "Start Slurm sweep";

    /** System property (set by ./dhad-workbench) naming the {@code dhad} launcher beside the workbench. */
    static final String LAUNCHER_PROPERTY = "dhad.launcher";

    private static final long SUBMIT_TIMEOUT_S = 300;

    /** The options asked last, offered again. */
    private String lastOptions = "--categories CATEGORY,... --seeds 0 --time 4:00:00 --cpus-per-task 4";

    @CanExecute
    boolean canExecute(ESelectionService selection) {
        return !experiments(NavigatorSelection.of(selection)).isEmpty();
    }

    @Execute
    void execute(ESelectionService selection, UserDialogs dialogs) {
        List<Path> files = experiments(NavigatorSelection.of(selection));
        dialogs.askText(TITLE, "Options of dhad sweep --executor slurm for " + files.size() + " experiment(s), "
                + "separated by spaces (see docs/cluster.md; add --dry-run to only write the script):", lastOptions)
                .ifPresent(options -> {
                    lastOptions = options;
                    String[] result = new String[2];
                    BusyIndicator.showWhile(null, () -> submit(files, options, result));
                    if (result[1] != null) {
                        dialogs.showError(TITLE, result[1]);
                    } else {
                        dialogs.showMessage(TITLE, result[0]);
                    }
                });
    }

    /**
     * Runs the sweep command; {@code result[0]} is what it printed about the submission, {@code result[1]} its
     * error (the command's own one-line message) or null.
     */
    static void submit(List<Path> files, String options, String[] result) {
        String launcher = System.getProperty(LAUNCHER_PROPERTY);
        if (launcher == null || launcher.isBlank()) {
            result[1] = "The dhad launcher is unknown (system property " + LAUNCHER_PROPERTY + "); start the "
                    + "workbench with ./dhad-workbench";
            return;
        }
        List<String> command = new ArrayList<>(List.of(launcher, "sweep"));
        files.forEach(f -> command.add(f.toString()));
        command.addAll(List.of("--executor", "slurm", "--runs", WorkspaceFolders.runs().toString()));
        for (String option : options.trim().split("\\s+")) {
            if (!option.isEmpty()) {
                command.add(option);
            }
        }
        try {
            Path output = Files.createTempFile("dhad-sweep", ".out");
            Path errors = Files.createTempFile("dhad-sweep", ".err");
            try {
                Process process = new ProcessBuilder(command).redirectOutput(output.toFile())
                        .redirectError(errors.toFile()).start();
                if (!process.waitFor(SUBMIT_TIMEOUT_S, TimeUnit.SECONDS)) {
                    process.destroy();
                    result[1] = "dhad sweep did not finish within " + SUBMIT_TIMEOUT_S + " s";
                    return;
                }
                String out = Files.readString(output, StandardCharsets.UTF_8);
                String err = Files.readString(errors, StandardCharsets.UTF_8).strip();
                if (process.exitValue() != 0) {
                    result[1] = err.isEmpty() ? "dhad sweep ended with status " + process.exitValue() : err;
                    return;
                }
                // the lines that say what was done: the job and the folder (a dry run prints the script first)
                result[0] = String.join("\n", out.lines().filter(l -> l.startsWith("Submitted job")
                        || l.startsWith("Sweep folder:") || l.startsWith("Follow it") || l.startsWith("Dry run"))
                        .toList());
            } finally {
                Files.deleteIfExists(output);
                Files.deleteIfExists(errors);
            }
        } catch (IOException e) {
            result[1] = "dhad sweep could not be started (" + launcher + "): " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            result[1] = "Interrupted while dhad sweep ran";
        }
    }

    private static List<Path> experiments(NavigatorSelection selection) {
        return selection.nodes().stream().filter(ExperimentFile.class::isInstance)
                .map(n -> ((ExperimentFile) n).file()).toList();
    }
}

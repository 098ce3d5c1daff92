package org.dhad.ui.results;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

import org.dhad.results.ResultsException;
import org.dhad.results.RunFolder;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.eclipse.e4.ui.workbench.modeling.EPartService.PartState;

/**
 * Opens the results view of one run and the comparison view of several, from the part descriptors the
 * workbench's application model declares. The run folders travel in the part's persisted state, so a view
 * reopens on the same runs after a restart. Opening a run whose view is already open brings that view forward.
 */
public final class ResultsParts {

    /** Descriptor of the results view of one run. */
    public static final String RESULTS_DESCRIPTOR = "org.dhad.ui.results.partdescriptor.results";
    /** Descriptor of the comparison view of several runs. */
    public static final String COMPARISON_DESCRIPTOR = "org.dhad.ui.results.partdescriptor.comparison";
    /** Persisted-state key: absolute run folder paths, one per line. */
    public static final String RUN_DIRS = "org.dhad.runDirs";

    private ResultsParts() {
    }

    /** Shows the results of {@code runDir}, reusing its open view. */
    public static void openResults(EPartService parts, Path runDir) {
        open(parts, RESULTS_DESCRIPTOR, List.of(runDir), "Results: " + label(runDir));
    }

    /** Shows {@code runDirs} side by side, reusing an open comparison of the same runs. */
    public static void openComparison(EPartService parts, List<Path> runDirs) {
        if (runDirs.isEmpty()) {
            throw new IllegalArgumentException("openComparison: no run folders; expected at least one");
        }
        open(parts, COMPARISON_DESCRIPTOR, runDirs, "Comparison (" + runDirs.size() + " run"
                + (runDirs.size() == 1 ? ")" : "s)"));
    }

    /** The run folders of a part's input, in order; empty when it has none. */
    public static List<Path> runDirs(MPart part) {
        String value = part.getPersistedState().get(RUN_DIRS);
        if (value == null) {
            return List.of();
        }
        return Arrays.stream(value.split("\\R")).map(String::strip).filter(s -> !s.isEmpty()).map(Path::of).toList();
    }

    private static void open(EPartService parts, String descriptor, List<Path> runDirs, String label) {
        String input = runDirs.stream().map(p -> p.toAbsolutePath().normalize().toString())
                .collect(Collectors.joining("\n"));
        MPart part = parts.getParts().stream().filter(p -> descriptor.equals(p.getElementId()))
                .filter(p -> Objects.equals(input, p.getPersistedState().get(RUN_DIRS))).findFirst().orElse(null);
        if (part == null) {
            part = parts.createPart(descriptor);
            if (part == null) {
                throw new IllegalStateException("No part descriptor '" + descriptor + "' in the application model; "
                        + "expected it in org.dhad.ui's Application.e4xmi");
            }
            part.getPersistedState().put(RUN_DIRS, input);
            part.setLabel(label);
            part.setTooltip(input);
        }
        parts.showPart(part, PartState.ACTIVATE);
    }

    /** {@code <experiment>/<timestamp>} as the run names itself, or its last two folder names. */
    private static String label(Path runDir) {
        try {
            return RunFolder.open(runDir).label();
        } catch (ResultsException e) {
            Path parent = runDir.toAbsolutePath().getParent();
            return (parent == null || parent.getFileName() == null ? "" : parent.getFileName() + "/")
                    + runDir.getFileName();
        }
    }
}

package org.dhad.ui.internal.navigator;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.dhad.ui.internal.FileStamps;
import org.dhad.results.ResultsException;
import org.dhad.results.RunFolder;
import org.dhad.results.RunMetrics;
import org.dhad.results.RunState;
import org.dhad.results.TrainingHistory;
import org.dhad.ui.internal.navigator.NavigatorNode.ExperimentFile;
import org.dhad.ui.internal.navigator.NavigatorNode.Folder;
import org.dhad.ui.internal.navigator.NavigatorNode.Run;

/**
 * What the navigator shows of a workspace folder: the experiment files under {@code experiments/} and the run
 * folders under {@code runs/} grouped by experiment, plus run folders opened from elsewhere. {@link #refresh()}
 * first compares a cheap fingerprint (folder listings, modification times of the files that change while a run
 * trains and evaluates) and reads run folders again only when it differs; a run's metrics are read again only
 * when its own files changed.
 */
final class WorkspaceTree {

    static final Folder EXPERIMENTS = new Folder("experiments", "Experiments");
    static final Folder RUNS = new Folder("runs", "Runs");
    static final Folder OTHERS = new Folder("others", "Other runs");

    /** The mean metric a run's label shows once it is evaluated. */
    static final String LABEL_METRIC = "pixel-auroc";

    /** What the tree shows of one run. */
    record RunInfo(RunFolder folder, RunState state, String label) {
    }

    private final Path root;
    private final Set<Path> others = new LinkedHashSet<>();
    private final Map<Path, RunInfo> runs = new HashMap<>();
    private final Map<Path, String> runKeys = new HashMap<>();
    private Map<NavigatorNode, List<NavigatorNode>> children = Map.of();
    private final Map<NavigatorNode, NavigatorNode> parents = new HashMap<>();
    private String fingerprint;

    WorkspaceTree(Path root) {
        this.root = root;
    }

    Path root() {
        return root;
    }

    List<NavigatorNode> roots() {
        List<NavigatorNode> top = new ArrayList<>(List.of(EXPERIMENTS, RUNS));
        if (!others.isEmpty()) {
            top.add(OTHERS);
        }
        return top;
    }

    List<NavigatorNode> children(NavigatorNode node) {
        return children.getOrDefault(node, List.of());
    }

    /** The folder holding {@code node}; {@code null} for the top folders. */
    NavigatorNode parent(NavigatorNode node) {
        return parents.get(node);
    }

    Optional<RunInfo> run(Path dir) {
        return Optional.ofNullable(runs.get(dir));
    }

    /** Adds run folders that live outside the workspace (Run > Open Run Folder...). */
    void addOthers(List<Path> dirs) {
        others.addAll(dirs);
        fingerprint = null;
    }

    /** Reads the disk again if it changed since the last refresh; {@code true} when the tree changed. */
    boolean refresh() {
        String now = fingerprint();
        if (now.equals(fingerprint)) {
            return false;
        }
        fingerprint = now;
        Map<NavigatorNode, List<NavigatorNode>> built = new LinkedHashMap<>();
        built.put(EXPERIMENTS, experimentFiles());
        Map<String, List<NavigatorNode>> byExperiment = new TreeMap<>();
        Map<Path, RunInfo> seen = new HashMap<>();
        for (RunFolder folder : find(root.resolve("runs"))) {
            String name = folder.configuration().name().isBlank() ? folder.dir().getParent().getFileName().toString()
                    : folder.configuration().name();
            byExperiment.computeIfAbsent(name, n -> new ArrayList<>()).add(new Run(folder.dir()));
            seen.put(folder.dir(), info(folder));
        }
        List<NavigatorNode> groups = new ArrayList<>();
        byExperiment.forEach((name, list) -> {
            Folder group = new Folder("runs/" + name, name);
            groups.add(group);
            built.put(group, list);
        });
        built.put(RUNS, groups);
        List<NavigatorNode> other = new ArrayList<>();
        for (Path dir : others) {
            for (RunFolder folder : find(dir)) {
                other.add(new Run(folder.dir()));
                seen.put(folder.dir(), info(folder));
            }
        }
        built.put(OTHERS, other);
        runs.keySet().retainAll(seen.keySet());
        runKeys.keySet().retainAll(seen.keySet());
        runs.putAll(seen);
        children = built;
        parents.clear();
        built.forEach((folder, list) -> list.forEach(child -> parents.put(child, folder)));
        return true;
    }

    private RunInfo info(RunFolder folder) {
        String key = runKey(folder.dir());
        RunInfo cached = runs.get(folder.dir());
        if (cached != null && key.equals(runKeys.get(folder.dir()))) {
            return cached;
        }
        runKeys.put(folder.dir(), key);
        RunState state = folder.state();
        StringBuilder label = new StringBuilder(folder.dir().getFileName().toString()).append("  ").append(state);
        if (state == RunState.TRAINING || state == RunState.STOPPED) {
            label.append(String.format(Locale.ROOT, "  epoch %d/%d", Math.max(folder.trainedEpochs(), lastEpoch(folder)),
                    folder.configuration().epochs()));
        }
        if (state == RunState.EVALUATED) {
            try {
                Double auroc = folder.metrics().map(RunMetrics::mean).map(m -> m.get(LABEL_METRIC)).orElse(null);
                if (auroc != null && !auroc.isNaN()) {
                    label.append(String.format(Locale.ROOT, "  pixel AUROC %.2f", 100 * auroc));
                }
            } catch (ResultsException e) {
                label.append("  (").append(e.getMessage()).append(')');
            }
        }
        // what tells runs of one experiment apart, in the words of dhad runs and the comparison
        String configuration = folder.configuration().shortSummary();
        if (!configuration.isEmpty()) {
            label.append("  ").append(configuration);
        }
        return new RunInfo(folder, state, label.toString());
    }

    private static int lastEpoch(RunFolder folder) {
        try {
            return folder.history().lastEpoch();
        } catch (ResultsException e) {
            return 0;
        }
    }

    private List<NavigatorNode> experimentFiles() {
        Path folder = root.resolve("experiments");
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(folder, 3)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".xmi") && Files.isRegularFile(p))
                    .sorted(Comparator.comparing(Path::toString)).map(p -> (NavigatorNode) new ExperimentFile(p))
                    .toList();
        } catch (IOException | java.io.UncheckedIOException e) {
            return List.of();
        }
    }

    private static List<RunFolder> find(Path dir) {
        try {
            return RunFolder.isRun(dir) ? List.of(RunFolder.open(dir)) : RunFolder.find(dir);
        } catch (ResultsException e) {
            return List.of(); // a folder that cannot be listed shows no runs; the next refresh tries again
        }
    }

    /** Folder listings and modification times: what changes when files are added or a run advances. */
    private String fingerprint() {
        StringBuilder b = new StringBuilder();
        Path experiments = root.resolve("experiments");
        if (Files.isDirectory(experiments)) {
            try (Stream<Path> files = Files.walk(experiments, 3)) {
                files.sorted().forEach(p -> b.append(p).append('@').append(FileStamps.modified(p)).append('\n'));
            } catch (IOException | java.io.UncheckedIOException e) {
                b.append("experiments unreadable\n");
            }
        }
        for (Path experiment : list(root.resolve("runs"))) {
            for (Path run : list(experiment)) {
                b.append(runKey(run)).append('\n');
                if (!RunFolder.isRun(run)) {
                    // a sweep's folder: runs/<sweep>/<task>/<run>, as dhad sweep --executor slurm writes them
                    list(run).forEach(p -> b.append(runKey(p)).append('\n'));
                }
            }
        }
        for (Path other : others) {
            b.append(runKey(other)).append('\n');
            list(other).forEach(p -> b.append(runKey(p)).append('\n'));
        }
        return b.toString();
    }

    private static String runKey(Path dir) {
        Path log = dir.resolve(TrainingHistory.FILE);
        long logTime = FileStamps.modified(log);
        boolean active = logTime > 0 && Duration.between(Instant.ofEpochMilli(logTime), Instant.now())
                .getSeconds() < RunFolder.ACTIVE_SECONDS;
        return dir + "|" + FileStamps.modified(dir.resolve(RunFolder.EXPERIMENT_FILE)) + "|" + logTime + "|"
                + FileStamps.size(log) + "|"
                + active + "|" + FileStamps.modified(dir.resolve(RunMetrics.FILE)) + "|"
                + FileStamps.modified(dir.resolve("checkpoints/latest.json"));
    }

    private static List<Path> list(Path folder) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.filter(Files::isDirectory).sorted().toList();
        } catch (IOException | java.io.UncheckedIOException e) {
            return List.of();
        }
    }
}

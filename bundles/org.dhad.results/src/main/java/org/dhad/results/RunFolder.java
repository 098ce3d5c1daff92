package org.dhad.results;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

import org.dhad.experiment.ExperimentJson;
import org.dhad.experiment.ExperimentSpec;
import org.dhad.experiment.PasteSpec;
import org.dhad.experiment.PluginChoice;

/**
 * A run folder ({@code <runs>/<experiment>/<timestamp>/}) as the engine writes it, whether the command line or
 * the workbench started it: {@code experiment.json}, {@code train-log.csv}, {@code checkpoints/},
 * {@code metrics.json}, {@code thresholds.json}, {@code gallery.json} and the images it lists. Every read goes to the files, so a run
 * still training shows its latest state.
 */
public final class RunFolder {

    /** The resolved experiment's file name; its presence makes a folder a run folder. */
    public static final String EXPERIMENT_FILE = ExperimentJson.FILE;

    /** A run whose log changed this recently counts as {@link RunState#TRAINING}. */
    public static final long ACTIVE_SECONDS = 120;

    private final Path dir;
    private final RunConfiguration configuration;
    /** metrics.json as last read, with the stamp it had: tables, charts and reports ask for it many times. */
    private volatile ReadMetrics lastMetrics;

    private record ReadMetrics(FileTime modified, long size, RunMetrics metrics) {
    }

    private RunFolder(Path dir, RunConfiguration configuration) {
        this.dir = dir;
        this.configuration = configuration;
    }

    /** Whether {@code dir} holds a run (an {@value #EXPERIMENT_FILE}). */
    public static boolean isRun(Path dir) {
        return Files.isRegularFile(dir.resolve(EXPERIMENT_FILE));
    }

    /** Opens the run in {@code dir}, reading its experiment. */
    public static RunFolder open(Path dir) throws ResultsException {
        Path file = dir.resolve(EXPERIMENT_FILE);
        if (!Files.isDirectory(dir)) {
            throw new ResultsException(dir + ": no such folder; expected a run folder written by dhad train");
        }
        if (!Files.isRegularFile(file)) {
            throw new ResultsException(dir + ": not a run folder; expected " + EXPERIMENT_FILE
                    + " in it (run folders are <runs>/<experiment>/<timestamp>/)");
        }
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return new RunFolder(dir.toAbsolutePath().normalize(), configuration(JsonParser.parseReader(in)
                    .getAsJsonObject()));
        } catch (IOException e) {
            throw new ResultsException(file, "cannot be read: " + e.getMessage(), e);
        } catch (JsonParseException | IllegalArgumentException | IllegalStateException
                | UnsupportedOperationException e) {
            throw new ResultsException(file, "is not an experiment written by dhad: " + e.getMessage(), e);
        }
    }

    /**
     * Every run folder at most three levels below {@code root} (a workspace, its {@code runs} folder or one
     * experiment's runs), newest first. Folders that cannot be read are left out.
     */
    public static List<RunFolder> find(Path root) throws ResultsException {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        List<RunFolder> runs = new ArrayList<>();
        try (Stream<Path> files = Files.find(root, 4, (p, a) -> a.isRegularFile()
                && p.getFileName().toString().equals(EXPERIMENT_FILE))) {
            for (Path file : files.toList()) {
                try {
                    runs.add(open(file.getParent()));
                } catch (ResultsException e) {
                    // a folder being created or damaged by hand must not hide the others
                }
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new ResultsException(root, "cannot be listed: " + e.getMessage(), e);
        }
        runs.sort(Comparator.comparing((RunFolder r) -> r.dir().getFileName().toString()).reversed()
                .thenComparing(r -> r.dir().toString()));
        return runs;
    }

    private static RunConfiguration configuration(JsonObject json) {
        // what a hand-written experiment.json lacks is null here and left out of the comparison
        ExperimentSpec spec = ExperimentJson.fromJson(json);
        return new RunConfiguration(text(spec.name()), id(spec.backbone()), id(spec.dataset()), spec.categories(),
                id(spec.negatives()), spec.paste() == null ? "" : spec.paste().values().get(PasteSpec.MODE),
                spec.lossWeights(), spec.freeze() == null ? "" : spec.freeze().name(),
                spec.schedule() == null ? 0 : spec.schedule().epochs(), spec.seed(), flattened(json));
    }

    /** Every leaf of {@code o} by dotted path; a list of plain values as one text ({@code grid, wood}). */
    private static Map<String, String> flattened(JsonObject o) {
        Map<String, String> out = new LinkedHashMap<>();
        flatten("", o, out);
        return out;
    }

    private static void flatten(String prefix, JsonElement e, Map<String, String> out) {
        if (e.isJsonObject()) {
            e.getAsJsonObject().entrySet().forEach(m -> flatten(prefix.isEmpty() ? m.getKey()
                    : prefix + "." + m.getKey(), m.getValue(), out));
        } else if (e.isJsonArray()) {
            List<String> items = new ArrayList<>();
            e.getAsJsonArray().forEach(i -> items.add(i.isJsonPrimitive() ? i.getAsString() : i.toString()));
            out.put(prefix, String.join(", ", items));
        } else if (!e.isJsonNull()) {
            out.put(prefix, e.getAsString());
        }
    }

    private static String id(PluginChoice choice) {
        return choice == null ? "" : choice.id();
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }

    public Path dir() {
        return dir;
    }

    public RunConfiguration configuration() {
        return configuration;
    }

    /** {@code <experiment>/<timestamp>}: how tables and legends name the run. */
    public String label() {
        return configuration.name() + "/" + dir.getFileName();
    }

    /** Where the run stands now. */
    public RunState state() {
        if (Files.isRegularFile(dir.resolve(RunMetrics.FILE))) {
            return RunState.EVALUATED;
        }
        if (trainedEpochs() >= configuration.epochs() && configuration.epochs() > 0) {
            return RunState.TRAINED;
        }
        Path log = dir.resolve(TrainingHistory.FILE);
        if (!Files.isRegularFile(log)) {
            return RunState.CREATED;
        }
        try {
            FileTime modified = Files.getLastModifiedTime(log);
            boolean recent = Duration.between(modified.toInstant(), Instant.now()).getSeconds() < ACTIVE_SECONDS;
            return recent ? RunState.TRAINING : RunState.STOPPED;
        } catch (IOException e) {
            return RunState.STOPPED;
        }
    }

    /** Epochs completed and checkpointed, from {@code checkpoints/latest.json}; 0 when none. */
    public int trainedEpochs() {
        Path folder = dir.resolve("checkpoints");
        try (Reader latest = Files.newBufferedReader(folder.resolve("latest.json"), StandardCharsets.UTF_8)) {
            String stem = JsonParser.parseReader(latest).getAsJsonObject().get("stem").getAsString();
            try (Reader state = Files.newBufferedReader(folder.resolve(stem + ".json"), StandardCharsets.UTF_8)) {
                JsonObject o = JsonParser.parseReader(state).getAsJsonObject();
                // "epoch" is the 0-based epoch to continue in: after a whole epoch or mid-epoch, the epochs completed
                return o.get("epoch").getAsInt();
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** The training log as it is now. */
    public TrainingHistory history() throws ResultsException {
        return TrainingHistory.read(dir.resolve(TrainingHistory.FILE));
    }

    /** The metrics, once the run is evaluated; read again only when the file changed since the last call. */
    public Optional<RunMetrics> metrics() throws ResultsException {
        Path file = dir.resolve(RunMetrics.FILE);
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (IOException e) {
            return Optional.empty(); // not evaluated (yet)
        }
        ReadMetrics last = lastMetrics;
        if (last != null && last.modified().equals(attributes.lastModifiedTime()) && last.size() == attributes.size()) {
            return Optional.of(last.metrics());
        }
        RunMetrics metrics = RunMetrics.read(file);
        lastMetrics = new ReadMetrics(attributes.lastModifiedTime(), attributes.size(), metrics);
        return Optional.of(metrics);
    }

    /** The decision thresholds, once the run is evaluated (by a version that chooses them). */
    public Optional<RunThresholds> thresholds() throws ResultsException {
        Path file = dir.resolve(RunThresholds.FILE);
        return Files.isRegularFile(file) ? Optional.of(RunThresholds.read(file)) : Optional.empty();
    }

    /** The scored test images, once the run is evaluated (by a version that keeps them). */
    public Optional<Gallery> gallery() throws ResultsException {
        return Files.isRegularFile(dir.resolve(Gallery.FILE)) ? Optional.of(Gallery.read(dir)) : Optional.empty();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RunFolder r && r.dir.equals(dir);
    }

    @Override
    public int hashCode() {
        return dir.hashCode();
    }

    @Override
    public String toString() {
        return label();
    }
}

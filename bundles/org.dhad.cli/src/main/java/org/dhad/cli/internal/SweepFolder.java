package org.dhad.cli.internal;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.dhad.results.ResultsException;
import org.dhad.results.RunFolder;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;

/**
 * A sweep handed to a cluster: {@code sweep.json} (its tasks and the jobs that ran them), the batch script, one
 * experiment copy per task in {@code experiments/}, and per task a folder {@code <task>/} holding the task's run
 * folder (the task trains with {@code --runs <sweep>}, its copy named after the task) and its output
 * ({@code task.out}, {@code task.err}). Runs are at most three levels below the workspace's {@code runs/}, so the
 * navigator and {@code dhad runs} find them.
 */
final class SweepFolder {

    static final String FILE = "sweep.json";
    static final String SCRIPT = "sweep.sbatch";
    static final String EXPERIMENTS = "experiments";

    /**
     * One array task: experiment {@code experimentName} (from {@code experiment}) on one category with one seed.
     *
     * @param name task name, also the name of its experiment copy: {@code <experiment>-<category>-s<seed>}
     */
    record Task(int index, String name, String experiment, String experimentName, String category, long seed) {
    }

    /** One submission: the Slurm job id and the array indices it ran. */
    record Job(String id, String array) {
    }

    private record Document(String created, String launcher, Integer maxParallel, List<Task> tasks, List<Job> jobs) {
    }

    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();

    private final Path dir;
    private final String created;
    private final String launcher;
    private final Integer maxParallel;
    private final List<Task> tasks;
    private final List<Job> jobs;

    SweepFolder(Path dir, String created, String launcher, Integer maxParallel, List<Task> tasks, List<Job> jobs) {
        this.dir = dir.toAbsolutePath().normalize();
        this.created = created;
        this.launcher = launcher;
        this.maxParallel = maxParallel;
        this.tasks = List.copyOf(tasks);
        this.jobs = new ArrayList<>(jobs);
    }

    /** Reads {@code dir/sweep.json}; the message names the folder and what was expected. */
    static SweepFolder open(Path dir) throws IOException {
        Path file = dir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            throw new IOException(dir + ": not a sweep folder; expected " + FILE
                    + " in it (written by dhad sweep --executor slurm)");
        }
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            Document d = GSON.fromJson(in, Document.class);
            if (d == null || d.tasks() == null || d.tasks().isEmpty() || d.launcher() == null) {
                throw new IOException(file + ": expected \"launcher\" and a non-empty \"tasks\" list");
            }
            return new SweepFolder(dir, d.created(), d.launcher(), d.maxParallel(), d.tasks(), d.jobs() == null ? List.of() : d.jobs());
        } catch (JsonParseException e) {
            throw new IOException(file + ": is not a sweep written by dhad: " + e.getMessage(), e);
        }
    }

    /** Writes {@code sweep.json} through a temporary file, so a reader never sees half of it. */
    void save() throws IOException {
        Path temp = dir.resolve(FILE + ".tmp");
        Files.writeString(temp, GSON.toJson(new Document(created, launcher, maxParallel, tasks, jobs)), StandardCharsets.UTF_8);
        Files.move(temp, dir.resolve(FILE), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    Path dir() {
        return dir;
    }

    String launcher() {
        return launcher;
    }

    /** The array's limit of tasks running at once ({@code %N}); null for none. */
    Integer maxParallel() {
        return maxParallel;
    }

    List<Task> tasks() {
        return tasks;
    }

    List<Job> jobs() {
        return List.copyOf(jobs);
    }

    void addJob(Job job) {
        jobs.add(job);
    }

    Path script() {
        return dir.resolve(SCRIPT);
    }

    /** The task's experiment copy. */
    Path experimentCopy(Task task) {
        return dir.resolve(EXPERIMENTS).resolve(task.name() + ".xmi");
    }

    /** The task's folder: its run folder(s), {@code task.out} and {@code task.err}. */
    Path taskDir(Task task) {
        return dir.resolve(task.name());
    }

    /** The task's newest run folder, empty before it started training. */
    Optional<RunFolder> run(Task task) throws ResultsException {
        // find() lists newest first
        return RunFolder.find(taskDir(task)).stream().findFirst();
    }

    /** Whether the task's run is evaluated: what a resubmission leaves alone. */
    boolean finished(Task task) throws ResultsException {
        Optional<RunFolder> run = run(task);
        return run.isPresent() && run.get().metrics().isPresent();
    }

    /** Indices as Slurm's {@code --array} takes them, runs of consecutive ones as ranges: {@code 0-3,5,7-8}. */
    static String arrayIndices(List<Integer> indices) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < indices.size(); i++) {
            int start = indices.get(i);
            int end = start;
            while (i + 1 < indices.size() && indices.get(i + 1) == end + 1) {
                end = indices.get(++i);
            }
            out.append(out.length() == 0 ? "" : ",").append(start == end ? String.valueOf(start) : start + "-" + end);
        }
        return out.toString();
    }
}

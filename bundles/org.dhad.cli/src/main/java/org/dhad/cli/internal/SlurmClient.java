package org.dhad.cli.internal;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Slurm's own commands ({@code sbatch}, {@code squeue}, {@code sacct}, {@code scontrol}) found on a search path:
 * we hand the work to Slurm rather than schedule it ourselves.
 */
final class SlurmClient {

    private static final long TIMEOUT_S = 60;

    private final String searchPath;

    /** @param searchPath directories to find the commands in, as {@code PATH} lists them */
    SlurmClient(String searchPath) {
        this.searchPath = searchPath == null ? "" : searchPath;
    }

    /** The commands on this process's {@code PATH}. */
    static SlurmClient fromPath() {
        return new SlurmClient(System.getenv("PATH"));
    }

    /** What a command printed and how it ended. */
    record Result(int exit, String out, String err) {
        /** The first line of what the command said on failure: stderr, else stdout. */
        String firstLine() {
            String text = err.isBlank() ? out : err;
            return text.strip().lines().findFirst().orElse("exit " + exit);
        }
    }

    /** The command's file, null when it is not on the search path. */
    Path find(String command) {
        for (String dir : searchPath.split(File.pathSeparator)) {
            if (!dir.isEmpty()) {
                Path candidate = Path.of(dir, command);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return candidate;
                }
            }
        }
        return null;
    }

    /**
     * Checks that {@code sbatch} is installed and the controller answers, before anything is written; the
     * message is one line naming what is missing.
     */
    void checkReachable() throws IOException {
        if (find("sbatch") == null) {
            throw new IOException("sbatch is not on the PATH (" + searchPath + "); install Slurm's client "
                    + "(Debian: slurm-client) or run on the cluster's login node");
        }
        Result ping = run(List.of("squeue", "--noheader", "--me", "--format=%i"));
        if (ping.exit() != 0) {
            throw new IOException("the Slurm controller does not answer (squeue: " + ping.firstLine() + ")");
        }
    }

    /** Submits {@code script}, with {@code array} in place of its own {@code --array} when not null; the job id. */
    String submit(Path script, String array) throws IOException {
        List<String> command = new ArrayList<>(List.of("sbatch", "--parsable"));
        if (array != null) {
            command.add("--array=" + array);
        }
        command.add(script.toString());
        Result r = run(command);
        if (r.exit() != 0) {
            throw new IOException("sbatch " + script + " failed: " + r.firstLine());
        }
        // --parsable prints "<job id>[;<cluster>]"
        return r.out().strip().split(";")[0];
    }

    /**
     * The state of each array task of {@code jobIds} as Slurm knows it ({@code 0} -> {@code RUNNING}), the
     * later job's where two ran one task: {@code squeue} for tasks still queued or running, {@code sacct}
     * (where accounting is on) for those that ended. Tasks Slurm no longer knows are absent.
     *
     * @throws IOException when {@code squeue} does not answer: then nothing can be said of any task
     */
    Map<Integer, String> states(List<String> jobIds) throws IOException {
        Map<Integer, String> out = new HashMap<>();
        for (String job : jobIds) {
            Map<Integer, String> ofJob = new HashMap<>();
            Result acct = run(List.of("sacct", "--noheader", "--parsable2", "--jobs=" + job,
                    "--format=JobID,State"));
            if (acct.exit() == 0) {
                acct.out().lines().forEach(line -> parse(job, line.split("\\|"), ofJob));
            }
            Result queue = run(List.of("squeue", "--noheader", "--array", "--jobs=" + job, "--format=%i|%T"));
            if (queue.exit() != 0 && !queue.err().contains("Invalid job id")) {
                throw new IOException("squeue: " + queue.firstLine());
            }
            queue.out().lines().forEach(line -> parse(job, line.strip().split("\\|"), ofJob));
            out.putAll(ofJob);
        }
        return out;
    }

    /** {@code 123_4|RUNNING} of job 123 as task 4; steps ({@code 123_4.batch}) and others are left out. */
    private static void parse(String job, String[] fields, Map<Integer, String> out) {
        if (fields.length < 2 || !fields[0].startsWith(job + "_")) {
            return;
        }
        String task = fields[0].substring(job.length() + 1);
        if (task.matches("\\d+")) {
            // sacct writes "CANCELLED by 0"
            out.put(Integer.parseInt(task), fields[1].strip().split(" ")[0]);
        }
    }

    /** Runs a Slurm command found on the search path; a missing command is exit 127 with a message. */
    Result run(List<String> command) {
        Path file = find(command.get(0));
        if (file == null) {
            return new Result(127, "", command.get(0) + " is not on the PATH");
        }
        List<String> argv = new ArrayList<>(command);
        argv.set(0, file.toString());
        try {
            Path out = Files.createTempFile("dhad-slurm", ".out");
            Path err = Files.createTempFile("dhad-slurm", ".err");
            try {
                Process p = new ProcessBuilder(argv).redirectOutput(out.toFile()).redirectError(err.toFile())
                        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
                if (!p.waitFor(TIMEOUT_S, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    return new Result(124, "", command.get(0) + " did not answer within " + TIMEOUT_S + " s");
                }
                return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                        Files.readString(err, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            return new Result(126, "", command.get(0) + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(130, "", command.get(0) + " interrupted");
        }
    }
}

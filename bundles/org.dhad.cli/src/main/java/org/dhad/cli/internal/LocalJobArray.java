package org.dhad.cli.internal;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A sweep's batch script run on this machine the way Slurm runs its job array: one {@code bash sweep.sbatch}
 * process per task with {@code SLURM_ARRAY_TASK_ID} set, at most {@code parallel} at a time. Each task resumes
 * or skips its run as it does under Slurm. Stopping dhad (Ctrl-C, SIGTERM) sends SIGTERM to the running tasks,
 * which pass it on so each writes a checkpoint. What the script says before its task's output is redirected (a
 * bad index) goes to {@code local-<index>.out} in the sweep folder, as Slurm's {@code slurm-<job>_<index>.out}.
 */
final class LocalJobArray {

    private final SweepFolder sweep;
    private final int parallel;
    private final String threads;
    private final List<Process> running = new ArrayList<>();

    /**
     * @param threads {@code DHAD_THREADS} of each task (libtorch's threads), null to leave it as it is
     */
    LocalJobArray(SweepFolder sweep, int parallel, String threads) {
        if (parallel < 1) {
            throw new IllegalArgumentException("--parallel " + parallel + ": expected 1 or more processes");
        }
        this.sweep = sweep;
        this.parallel = parallel;
        this.threads = threads;
    }

    /** Runs every task; the indices of those that failed, in task order. */
    List<Integer> run(PrintWriter out) throws InterruptedException {
        Thread stop = new Thread(this::stopRunning, "dhad-sweep-stop");
        Runtime.getRuntime().addShutdownHook(stop);
        ExecutorService pool = Executors.newFixedThreadPool(parallel);
        try {
            List<Future<Integer>> exits = new ArrayList<>();
            for (SweepFolder.Task task : sweep.tasks()) {
                exits.add(pool.submit(() -> {
                    int exit = runTask(task);
                    synchronized (out) {
                        out.println("task " + task.index() + " (" + task.name() + "): "
                                + (exit == 0 ? "done" : "failed with status " + exit + ", see "
                                        + sweep.taskDir(task).resolve("task.err")));
                        out.flush();
                    }
                    return exit;
                }));
            }
            List<Integer> failed = new ArrayList<>();
            for (int i = 0; i < exits.size(); i++) {
                try {
                    if (exits.get(i).get() != 0) {
                        failed.add(i);
                    }
                } catch (ExecutionException e) {
                    failed.add(i);
                }
            }
            return failed;
        } finally {
            pool.shutdownNow();
            try {
                Runtime.getRuntime().removeShutdownHook(stop);
            } catch (IllegalStateException e) {
                // shutting down: the hook is stopping the tasks
            }
        }
    }

    private int runTask(SweepFolder.Task task) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("bash", sweep.script().toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(sweep.dir().resolve("local-" + task.index() + ".out")
                        .toFile()));
        builder.environment().put("SLURM_ARRAY_TASK_ID", String.valueOf(task.index()));
        if (threads != null) {
            builder.environment().put("DHAD_THREADS", threads);
        }
        Process process;
        synchronized (running) {
            process = builder.start();
            running.add(process);
        }
        try {
            return process.waitFor();
        } finally {
            synchronized (running) {
                running.remove(process);
            }
        }
    }

    /** SIGTERM to every running task, then waits for them: each writes its checkpoint first. */
    private void stopRunning() {
        List<Process> now;
        synchronized (running) {
            now = List.copyOf(running);
        }
        now.forEach(Process::destroy);
        for (Process p : now) {
            try {
                p.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}

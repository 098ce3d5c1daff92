package org.dhad.cli.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The batch script of a sweep: one Slurm job array, one task per experiment x category x seed. Each task runs
 * {@code dhad train --evaluate} on its experiment copy, or, when an earlier attempt left a checkpoint,
 * {@code dhad resume} and {@code dhad evaluate} on that run, so a resubmitted task continues where it stopped.
 * The script is plain bash: without Slurm, {@code SLURM_ARRAY_TASK_ID=3 bash sweep.sbatch} runs task 3.
 */
final class SlurmArrayScript {

    /**
     * Seconds before the time limit at which Slurm sends SIGTERM to the batch shell ({@code --signal=B:TERM@N}):
     * the script passes it on to dhad, which writes a checkpoint before it exits. Short limits get a quarter of
     * their length instead, so that the signal does not come before the task has trained.
     */
    static final int SIGNAL_SECONDS = 120;

    /** Slurm options of the array; null (or empty) leaves an option to the cluster's defaults. */
    record Options(String partition, String time, Integer cpusPerTask, String mem, String gpusPerTask,
            String account, List<String> extra) {

        Options {
            extra = extra == null ? List.of() : List.copyOf(extra);
        }
    }

    private SlurmArrayScript() {
    }

    /**
     * The script's text.
     *
     * @param environment variables the tasks need as they are on this machine (native cache, plugin folder),
     *                    exported before dhad starts; a null value is left out
     */
    static String of(SweepFolder sweep, Options options, Map<String, String> environment) {
        List<SweepFolder.Task> tasks = sweep.tasks();
        String name = "dhad-" + sweep.dir().getFileName();
        StringBuilder s = new StringBuilder("#!/usr/bin/env bash\n");
        directive(s, "job-name", name);
        directive(s, "array", array(sweep, "0-" + (tasks.size() - 1)));
        directive(s, "output", sweep.dir().resolve("slurm-%A_%a.out").toString());
        directive(s, "signal", "B:TERM@" + signalSeconds(options.time()));
        directive(s, "partition", options.partition());
        directive(s, "time", options.time());
        directive(s, "cpus-per-task", options.cpusPerTask() == null ? null : options.cpusPerTask().toString());
        directive(s, "mem", options.mem());
        directive(s, "gpus-per-task", options.gpusPerTask());
        directive(s, "account", options.account());
        options.extra().forEach(e -> s.append("#SBATCH ").append(e).append('\n'));
        s.append("""
                # DenseHybridAD sweep %s: %d tasks (experiment x category x seed), written by dhad sweep.
                # Each task trains and evaluates into %s/<task>/<run>; its output goes to <task>/task.out and task.err.
                # Without Slurm, run one task with: SLURM_ARRAY_TASK_ID=<0-%d> bash %s
                set -uo pipefail
                """.formatted(sweep.dir().getFileName(), tasks.size(), sweep.dir(), tasks.size() - 1, sweep.script()));
        s.append("sweep=").append(quoted(sweep.dir().toString())).append('\n');
        s.append("dhad=").append(quoted(sweep.launcher())).append('\n');
        s.append("# compute nodes start the product built here; several tasks must not rebuild it at once\n");
        s.append("export DHAD_NO_REBUILD=1\n");
        new LinkedHashMap<>(environment).forEach((key, value) -> {
            if (value != null) {
                s.append("export ").append(key).append('=').append(quoted(value)).append('\n');
            }
        });
        s.append("# libtorch uses the CPUs Slurm gave the task\n");
        s.append("if [ -n \"${SLURM_CPUS_PER_TASK:-}\" ]; then export DHAD_THREADS=\"$SLURM_CPUS_PER_TASK\"; fi\n\n");
        s.append("case \"${SLURM_ARRAY_TASK_ID:?set SLURM_ARRAY_TASK_ID to a task index, 0-")
                .append(tasks.size() - 1).append("}\" in\n");
        for (SweepFolder.Task task : tasks) {
            s.append("  ").append(task.index()).append(") task=").append(quoted(task.name())).append(" ;; # ")
                    .append(task.experimentName()).append(", category ").append(task.category()).append(", seed ")
                    .append(task.seed()).append('\n');
        }
        s.append("  *) echo \"dhad sweep: no task $SLURM_ARRAY_TASK_ID in $sweep (0-").append(tasks.size() - 1)
                .append(")\" >&2; exit 2 ;;\nesac\n");
        s.append("""
                dir="$sweep/$task"
                mkdir -p "$dir"
                exec >>"$dir/task.out" 2>>"$dir/task.err"
                echo "== $(date -u +%Y-%m-%dT%H:%M:%SZ) task $SLURM_ARRAY_TASK_ID ($task), job ${SLURM_JOB_ID:-none} on $(hostname)"

                # SIGTERM (scancel, preemption, the time limit) goes on to dhad, which writes a checkpoint and exits
                child=""
                trap 'if [ -n "$child" ]; then kill -TERM "$child" 2>/dev/null; wait "$child"; fi; exit 143' TERM
                step() { "$dhad" "$@" & child=$!; wait "$child"; local status=$?; child=""; return $status; }

                # the newest run of this task (run folders are named by their start time)
                run=""
                for f in "$dir"/*/experiment.json; do [ -f "$f" ] && run="${f%/experiment.json}"; done
                if [ -n "$run" ] && [ -f "$run/metrics.json" ]; then
                  echo "already evaluated: $run"
                elif [ -n "$run" ] && [ -f "$run/checkpoints/latest.json" ]; then
                  step resume "$run" && step evaluate "$run"
                else
                  step train "$sweep/experiments/$task.xmi" --runs "$sweep" --evaluate
                fi
                """);
        return s.toString();
    }

    /** {@link #SIGNAL_SECONDS}, or a quarter of a time limit shorter than four times that. */
    static int signalSeconds(String time) {
        long limit = seconds(time);
        return limit <= 0 ? SIGNAL_SECONDS : (int) Math.max(1, Math.min(SIGNAL_SECONDS, limit / 4));
    }

    /**
     * A Slurm time limit in seconds ({@code minutes}, {@code minutes:seconds}, {@code hours:minutes:seconds},
     * {@code days-hours}, {@code days-hours:minutes}, {@code days-hours:minutes:seconds}); -1 for none or
     * for what sbatch will judge itself.
     */
    static long seconds(String time) {
        if (time == null || !time.matches("(\\d+-)?\\d+(:\\d+){0,2}")) {
            return -1;
        }
        String[] dayRest = time.split("-");
        long days = dayRest.length == 2 ? Long.parseLong(dayRest[0]) : 0;
        String[] parts = dayRest[dayRest.length - 1].split(":");
        long[] n = java.util.Arrays.stream(parts).mapToLong(Long::parseLong).toArray();
        long seconds;
        if (dayRest.length == 2) {
            // days-hours[:minutes[:seconds]]
            seconds = n[0] * 3600 + (n.length > 1 ? n[1] * 60 : 0) + (n.length > 2 ? n[2] : 0);
        } else if (n.length == 1) {
            seconds = n[0] * 60;
        } else if (n.length == 2) {
            seconds = n[0] * 60 + n[1];
        } else {
            seconds = n[0] * 3600 + n[1] * 60 + n[2];
        }
        return days * 86400 + seconds;
    }

    /** {@code indices} with the sweep's limit of tasks at once: {@code 0-7%2}. */
    static String array(SweepFolder sweep, String indices) {
        return indices + (sweep.maxParallel() == null ? "" : "%" + sweep.maxParallel());
    }

    private static void directive(StringBuilder s, String option, String value) {
        if (value != null && !value.isBlank()) {
            s.append("#SBATCH --").append(option).append('=').append(value).append('\n');
        }
    }

    /** {@code value} as one bash word: in single quotes, a quote inside written as {@code '\''}. */
    static String quoted(String value) {
        return "'" + value.replace("'", "'\\''") + "'";
    }
}

package org.dhad.ui.internal.run;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.dhad.ui.internal.FileStamps;
import org.dhad.results.ResultsException;
import org.dhad.results.RunFolder;
import org.dhad.results.RunMetrics;
import org.dhad.results.RunState;
import org.dhad.results.TrainingHistory;

/**
 * Polls one run folder for what the Run part shows: the training log when its size or time changed, the
 * metrics once {@code metrics.json} is (re)written, and a log text made from the files for runs that another
 * process (the CLI) trains. Each poll costs a few file-attribute reads when nothing changed.
 */
final class RunFolderWatch {

    private final Path dir;
    private String logKey = "";
    private long metricsTime;
    private RunFolder folder;

    RunFolderWatch(Path dir) {
        this.dir = dir;
    }

    Path dir() {
        return dir;
    }

    /** The training log if it changed since the last call; {@code null} when it did not or is still empty. */
    TrainingHistory changedHistory() throws ResultsException {
        Path log = dir.resolve(TrainingHistory.FILE);
        String key = FileStamps.modified(log) + "/" + FileStamps.size(log);
        if (key.equals(logKey)) {
            return null;
        }
        logKey = key;
        TrainingHistory history = TrainingHistory.read(log);
        return history.size() == 0 ? null : history;
    }

    /** The metrics if {@code metrics.json} appeared or changed since the last call, else {@code null}. */
    RunMetrics changedMetrics() throws ResultsException {
        Path file = dir.resolve(RunMetrics.FILE);
        long time = FileStamps.modified(file);
        if (time == 0 || time == metricsTime) {
            return null;
        }
        metricsTime = time;
        return RunMetrics.read(file);
    }

    /** The run folder, once its experiment is written; {@code null} before. */
    RunFolder folder() {
        if (folder == null && RunFolder.isRun(dir)) {
            try {
                folder = RunFolder.open(dir);
            } catch (ResultsException e) {
                return null; // being written: the next poll tries again
            }
        }
        return folder;
    }

    /** What the files say about the run, as log lines: experiment, epochs with their mean loss, state. */
    List<String> fileLog(TrainingHistory history) {
        List<String> lines = new ArrayList<>();
        lines.add("Run folder " + dir);
        RunFolder run = folder();
        if (run == null) {
            lines.add("Waiting for " + RunFolder.EXPERIMENT_FILE);
            return lines;
        }
        var c = run.configuration();
        lines.add(String.format(Locale.ROOT, "Experiment '%s': backbone %s, dataset %s, negatives %s, %d epochs,"
                + " losses %s, seed %d", c.name(), c.backbone(), c.dataset(), c.negatives(), c.epochs(),
                c.lossSummary(), c.seed()));
        int[] epochs = history.epoch();
        double[] total = history.total();
        for (int start = 0; start < epochs.length;) {
            int end = start;
            double sum = 0;
            while (end < epochs.length && epochs[end] == epochs[start]) {
                sum += total[end++];
            }
            lines.add(String.format(Locale.ROOT, "Epoch %d: %d steps logged, mean loss %.4f", epochs[start],
                    end - start, sum / (end - start)));
            start = end;
        }
        RunState state = run.state();
        lines.add(switch (state) {
            case CREATED -> "Created; no training step logged yet";
            case TRAINING -> "Training (" + run.trainedEpochs() + " epochs checkpointed)";
            case STOPPED -> "Stopped after " + run.trainedEpochs() + " checkpointed epochs; dhad resume " + dir
                    + " continues";
            case TRAINED -> "Trained; dhad evaluate " + dir + " scores the test images";
            case EVALUATED -> "Evaluated (" + RunMetrics.FILE + ")";
        });
        return lines;
    }
}

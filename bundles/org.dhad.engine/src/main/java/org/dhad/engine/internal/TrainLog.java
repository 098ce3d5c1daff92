package org.dhad.engine.internal;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.dhad.results.TrainingHistory;

/**
 * {@code train-log.csv}: one row per step (epoch, step, global step, each loss term, total, learning
 * rate, images/s, data wait in ms). Loss values are written with {@link Float#toString} so that they
 * read back bit-exactly. A resumed run first drops the rows past the step it resumes from (a run killed
 * mid-epoch logged steps its checkpoint does not hold), then appends, so each step has one row.
 */
final class TrainLog implements AutoCloseable {

    static final String FILE = TrainingHistory.FILE;

    private final BufferedWriter out;

    /**
     * @param resumedStep the global step training resumes after; rows beyond it are dropped. 0 for a new run.
     */
    TrainLog(Path runDir, List<String> termIds, long resumedStep) throws IOException {
        Path file = runDir.resolve(FILE);
        if (Files.exists(file)) {
            keepRowsThrough(file, resumedStep);
        }
        boolean fresh = !Files.exists(file);
        out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
        if (fresh) {
            out.write("epoch,step,global_step," + String.join(",", termIds)
                    + ",total,lr,images_per_s,data_wait_ms\n");
            out.flush();
        }
    }

    void row(int epoch, int step, long globalStep, float[] terms, float total, double lr, double imagesPerSecond,
            double waitMillis) throws IOException {
        StringBuilder line = new StringBuilder().append(epoch).append(',').append(step).append(',').append(globalStep);
        for (float term : terms) {
            line.append(',').append(Float.toString(term));
        }
        line.append(',').append(Float.toString(total)).append(',').append(String.format(Locale.ROOT, "%.6g", lr))
                .append(String.format(Locale.ROOT, ",%.2f,%.1f%n", imagesPerSecond, waitMillis));
        out.write(line.toString());
        out.flush();
    }

    /** Rewrites {@code file} with the header and the rows up to {@code globalStep}, replacing it atomically. */
    private static void keepRowsThrough(Path file, long globalStep) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        List<String> kept = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (i == 0 || stepOf(lines.get(i)) <= globalStep) {
                kept.add(lines.get(i));
            }
        }
        if (kept.size() == lines.size()) {
            return;
        }
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        Files.write(temporary, kept, StandardCharsets.UTF_8);
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The global step of a row; a half-written row counts as past every step. */
    private static long stepOf(String row) {
        String[] fields = row.split(",", 4);
        try {
            return fields.length < 4 ? Long.MAX_VALUE : Long.parseLong(fields[2]);
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}

package org.dhad.engine.internal;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Locale;

import org.dhad.results.TrainingHistory;

/**
 * {@code train-log.csv}: one row per step (epoch, step, global step, each loss term, total, learning
 * rate, images/s, data wait in ms). Loss values are written with {@link Float#toString} so that they
 * read back bit-exactly. A resumed run appends.
 */
final class TrainLog implements AutoCloseable {

    static final String FILE = TrainingHistory.FILE;

    private final BufferedWriter out;

    TrainLog(Path runDir, List<String> termIds) throws IOException {
        Path file = runDir.resolve(FILE);
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

    @Override
    public void close() throws IOException {
        out.close();
    }
}

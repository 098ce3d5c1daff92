package org.dhad.engine.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import org.dhad.api.data.DataProblem;
import org.dhad.engine.RunListener;

/**
 * {@value #FILE} in a run folder: what the dataset reported when it was opened and every training sample that
 * could not be read, each once (a broken sample is skipped again in every epoch and after a resume), told to the
 * listener as well. A run that left data out says so, in the folder and on the console.
 */
final class DataProblemLog implements Consumer<String> {

    static final String FILE = "data-problems.txt";

    private final Path file;
    private final RunListener listener;
    private final Set<String> written = new HashSet<>();

    DataProblemLog(Path runDir, RunListener listener) throws IOException {
        this.file = runDir.resolve(FILE);
        this.listener = listener;
        if (Files.isRegularFile(file)) {
            written.addAll(Files.readAllLines(file, StandardCharsets.UTF_8));
        }
    }

    /** Records the problems the dataset found while indexing. */
    void dataset(List<DataProblem> problems) {
        problems.forEach(p -> accept("Dataset: " + p));
    }

    /** Records one problem, unless it was recorded before. */
    @Override
    public synchronized void accept(String problem) {
        if (!written.add(problem)) {
            return;
        }
        listener.onMessage(problem);
        try {
            Files.writeString(file, problem + System.lineSeparator(), StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}

package org.dhad.engine.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.dhad.api.data.DataProblem;
import org.dhad.engine.RunListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run that leaves data out says so once, on the console and in data-problems.txt, also across a resume. */
class DataProblemLogTest {

    @TempDir
    Path run;

    @Test
    void eachProblemIsToldAndWrittenOnceAcrossEpochsAndResume() throws Exception {
        List<String> told = new ArrayList<>();
        RunListener listener = new RunListener() {
            @Override
            public void onMessage(String message) {
                told.add(message);
            }
        };
        DataProblemLog log = new DataProblemLog(run, listener);
        log.dataset(List.of(new DataProblem("/d/grid/train/good/003.png", "truncated PNG: no IEND chunk")));
        for (int epoch = 0; epoch < 3; epoch++) {
            log.accept("Skipped unreadable training sample 003.png: truncated");
        }
        List<String> expected = List.of("Dataset: /d/grid/train/good/003.png: truncated PNG: no IEND chunk",
                "Skipped unreadable training sample 003.png: truncated");
        assertEquals(expected, told, "told once each");
        assertEquals(expected, Files.readAllLines(run.resolve(DataProblemLog.FILE)), "written once each");

        DataProblemLog resumed = new DataProblemLog(run, listener);
        resumed.accept("Skipped unreadable training sample 003.png: truncated");
        resumed.accept("Skipped unreadable training sample 007.png: not an image");
        assertEquals(List.of(expected.get(0), expected.get(1), "Skipped unreadable training sample 007.png: not an image"),
                Files.readAllLines(run.resolve(DataProblemLog.FILE)), "a resume adds only what is new");
    }
}

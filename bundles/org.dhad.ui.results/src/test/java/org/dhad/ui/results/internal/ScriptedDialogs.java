package org.dhad.ui.results.internal;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

import org.dhad.ui.results.UserDialogs;

/**
 * The dialogs of the results view tests: no window opens; each question is answered with the next path the test
 * queued (cancelled when none is left), and every question and error is recorded as a line of text.
 */
final class ScriptedDialogs implements UserDialogs {

    final List<String> shown = new ArrayList<>();
    private final Deque<Path> answers = new ArrayDeque<>();

    /** Queues the answer to the next question for a file or folder. */
    ScriptedDialogs answer(Path path) {
        answers.add(path);
        return this;
    }

    @Override
    public void showError(String title, String message) {
        shown.add("error " + title + ": " + message);
    }

    @Override
    public void showMessage(String title, String message) {
        shown.add("message " + title + ": " + message);
    }

    @Override
    public Optional<String> askText(String title, String message, String initial) {
        shown.add("text " + title);
        return Optional.empty();
    }

    @Override
    public Optional<Path> chooseFolder(String title, String message) {
        return next("folder " + title);
    }

    @Override
    public Optional<Path> chooseFileToOpen(String title, Path folder, String... filters) {
        return next("open " + title + " " + String.join(" ", filters));
    }

    @Override
    public Optional<Path> chooseFileToSave(String title, Path suggested, String... filters) {
        return next("save " + title + " " + suggested + " " + String.join(" ", filters));
    }

    private Optional<Path> next(String question) {
        shown.add(question);
        return Optional.ofNullable(answers.poll());
    }
}

package org.dhad.ui.internal.experiment;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedList;
import java.util.List;
import java.util.Optional;

import org.dhad.ui.results.UserDialogs;

/**
 * The workbench tests' {@link UserDialogs}: nothing opens; a question for a file or folder gets the next answer
 * the test gave ({@link #answer}), or is cancelled, and {@link #log} keeps each question and error in order.
 */
public final class ScriptedDialogs implements UserDialogs {

    private final List<String> log = new ArrayList<>();
    private final LinkedList<Path> answers = new LinkedList<>();
    private final LinkedList<String> texts = new LinkedList<>();

    /** What the code under test asked or showed so far, one line each ({@code error <title>: <message>}). */
    public List<String> log() {
        return log;
    }

    /** The answer to the next question for a path. */
    public void answer(Path path) {
        answers.add(path);
    }

    /** The answer to the next question for text. */
    public void answerText(String text) {
        texts.add(text);
    }

    @Override
    public void showError(String title, String message) {
        log.add("error " + title + ": " + message);
    }

    @Override
    public void showMessage(String title, String message) {
        log.add("message " + title + ": " + message);
    }

    @Override
    public Optional<String> askText(String title, String message, String initial) {
        log.add("text " + title);
        return texts.isEmpty() ? Optional.empty() : Optional.of(texts.removeFirst());
    }

    @Override
    public Optional<Path> chooseFolder(String title, String message) {
        return asked("folder", title);
    }

    @Override
    public Optional<Path> chooseFileToOpen(String title, Path folder, String... filters) {
        return asked("open", title);
    }

    @Override
    public Optional<Path> chooseFileToSave(String title, Path suggested, String... filters) {
        return asked("save", title);
    }

    private Optional<Path> asked(String kind, String title) {
        log.add(kind + " " + title);
        return answers.isEmpty() ? Optional.empty() : Optional.of(answers.removeFirst());
    }
}

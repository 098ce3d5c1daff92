package org.dhad.ui.results;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The dialogs through which the workbench tells the user of a failure or asks for a file or folder. Parts and
 * handlers get it from their Eclipse context: the workbench puts one there that opens the SWT dialogs over the
 * active window; tests put their own, which answers without a window and records what was asked.
 */
public interface UserDialogs {

    /** Tells the user that something failed; returns when the user has read it. */
    void showError(String title, String message);

    /** Tells the user what happened (a job submitted and where); returns when the user has read it. */
    void showMessage(String title, String message);

    /** Asks for one line of text, offering {@code initial}; empty when the user cancels. */
    Optional<String> askText(String title, String message, String initial);

    /** Asks for an existing folder; empty when the user cancels. */
    Optional<Path> chooseFolder(String title, String message);

    /**
     * Asks for an existing file to read, starting in {@code folder} ({@code null}: where the platform chooses) and
     * offering the files matching {@code filters} ({@code "*.jar"}).
     */
    Optional<Path> chooseFileToOpen(String title, Path folder, String... filters);

    /**
     * Asks where to write a file, starting at {@code suggested} (its folder, if it has one, and its name);
     * the user confirms replacing an existing file.
     */
    Optional<Path> chooseFileToSave(String title, Path suggested, String... filters);
}

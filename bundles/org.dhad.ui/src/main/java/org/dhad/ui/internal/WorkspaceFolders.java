package org.dhad.ui.internal;

import java.nio.file.Path;

/**
 * Where the workbench keeps experiments and runs: the folder named by the system property
 * {@value #PROPERTY}, by default {@code ~/dhad-workspace}. Runs go to {@code <workspace>/runs}, the
 * file dialogs start in {@code <workspace>/experiments}.
 */
public final class WorkspaceFolders {

    /** System property naming the workspace folder. */
    public static final String PROPERTY = "dhad.workspace";

    private WorkspaceFolders() {
    }

    public static Path root() {
        String configured = System.getProperty(PROPERTY);
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath();
        }
        return Path.of(System.getProperty("user.home"), "dhad-workspace");
    }

    /** Parent of run folders ({@code <runs>/<name>/<timestamp>/}). */
    public static Path runs() {
        return root().resolve("runs");
    }

    /** Default folder for experiment files. */
    public static Path experiments() {
        return root().resolve("experiments");
    }
}

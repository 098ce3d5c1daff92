package org.dhad.ui.internal.experiment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.dhad.model.ExperimentModel;
import org.dhad.ui.internal.WorkspaceFolders;
import org.dhad.ui.results.UserDialogs;

/** The questions for experiment files, starting in the workspace's experiments folder. */
final class ExperimentFiles {

    private static final String[] FILTER = { "*." + ExperimentModel.FILE_EXTENSION, "*" };

    private ExperimentFiles() {
    }

    /** Asks where to save an experiment named {@code name}; empty when the user cancels. */
    static Optional<Path> askSave(UserDialogs dialogs, String name) {
        return dialogs.chooseFileToSave("Save experiment as", folder().resolve((name == null || name.isBlank()
                ? "experiment" : name) + "." + ExperimentModel.FILE_EXTENSION), FILTER);
    }

    /** Asks for an existing experiment file; empty when the user cancels. */
    static Optional<Path> askOpen(UserDialogs dialogs) {
        return dialogs.chooseFileToOpen("Open experiment", folder(), FILTER);
    }

    /** The experiments folder, made if missing (without it the dialog starts wherever the platform chooses). */
    private static Path folder() {
        Path folder = WorkspaceFolders.experiments();
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            // the dialog tolerates a missing folder
        }
        return folder;
    }
}

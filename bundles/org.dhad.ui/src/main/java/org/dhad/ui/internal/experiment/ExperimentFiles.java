package org.dhad.ui.internal.experiment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.dhad.model.ExperimentModel;
import org.dhad.ui.internal.WorkspaceFolders;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Shell;

/** The file dialogs for experiment files, starting in the workspace's experiments folder. */
final class ExperimentFiles {

    private static final String[] FILTER = { "*." + ExperimentModel.FILE_EXTENSION, "*" };

    private ExperimentFiles() {
    }

    /** Asks where to save; {@code null} when the user cancels. */
    static Path askSave(Shell shell, String name) {
        FileDialog dialog = dialog(shell, SWT.SAVE, "Save experiment as");
        dialog.setFileName((name == null || name.isBlank() ? "experiment" : name) + "." + ExperimentModel.FILE_EXTENSION);
        dialog.setOverwrite(true);
        String chosen = dialog.open();
        return chosen == null ? null : Path.of(chosen);
    }

    /** Asks for an existing experiment file; {@code null} when the user cancels. */
    static Path askOpen(Shell shell) {
        String chosen = dialog(shell, SWT.OPEN, "Open experiment").open();
        return chosen == null ? null : Path.of(chosen);
    }

    private static FileDialog dialog(Shell shell, int style, String title) {
        FileDialog dialog = new FileDialog(shell, style);
        dialog.setText(title);
        dialog.setFilterExtensions(FILTER);
        Path folder = WorkspaceFolders.experiments();
        try {
            Files.createDirectories(folder);
            dialog.setFilterPath(folder.toString());
        } catch (IOException e) {
            // Without the default folder the dialog starts wherever the platform chooses.
        }
        return dialog;
    }
}

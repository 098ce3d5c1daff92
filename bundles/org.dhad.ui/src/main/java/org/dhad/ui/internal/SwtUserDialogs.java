package org.dhad.ui.internal;

import java.nio.file.Path;
import java.util.Optional;

import org.dhad.ui.results.UserDialogs;
import org.eclipse.e4.core.contexts.IEclipseContext;
import org.eclipse.e4.ui.services.IServiceConstants;
import org.eclipse.jface.dialogs.InputDialog;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.window.Window;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.DirectoryDialog;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Shell;

/** The workbench's {@link UserDialogs}: SWT and JFace dialogs over the active window. */
final class SwtUserDialogs implements UserDialogs {

    private final IEclipseContext context;

    /** {@code context}: the application's, which knows the active window's shell. */
    SwtUserDialogs(IEclipseContext context) {
        this.context = context;
    }

    @Override
    public void showError(String title, String message) {
        MessageDialog.openError(shell(), title, message);
    }

    @Override
    public void showMessage(String title, String message) {
        MessageDialog.openInformation(shell(), title, message);
    }

    @Override
    public Optional<String> askText(String title, String message, String initial) {
        InputDialog dialog = new InputDialog(shell(), title, message, initial, null);
        return dialog.open() == Window.OK ? Optional.of(dialog.getValue()) : Optional.empty();
    }

    @Override
    public Optional<Path> chooseFolder(String title, String message) {
        DirectoryDialog dialog = new DirectoryDialog(shell());
        dialog.setText(title);
        if (message != null) {
            dialog.setMessage(message);
        }
        return answer(dialog.open());
    }

    @Override
    public Optional<Path> chooseFileToOpen(String title, Path folder, String... filters) {
        FileDialog dialog = new FileDialog(shell(), SWT.OPEN);
        dialog.setText(title);
        dialog.setFilterExtensions(filters);
        if (folder != null) {
            dialog.setFilterPath(folder.toString());
        }
        return answer(dialog.open());
    }

    @Override
    public Optional<Path> chooseFileToSave(String title, Path suggested, String... filters) {
        FileDialog dialog = new FileDialog(shell(), SWT.SAVE);
        dialog.setText(title);
        dialog.setFilterExtensions(filters);
        if (suggested.getParent() != null) {
            dialog.setFilterPath(suggested.getParent().toString());
        }
        dialog.setFileName(suggested.getFileName().toString());
        dialog.setOverwrite(true);
        return answer(dialog.open());
    }

    private static Optional<Path> answer(String chosen) {
        return Optional.ofNullable(chosen).map(Path::of);
    }

    /** The active window's shell, else the display's active shell or any shell of the workbench. */
    private Shell shell() {
        if (context.get(IServiceConstants.ACTIVE_SHELL) instanceof Shell active && !active.isDisposed()) {
            return active;
        }
        Display display = Display.getCurrent();
        Shell shell = display.getActiveShell();
        if (shell == null) {
            Shell[] shells = display.getShells();
            shell = shells.length > 0 ? shells[0] : new Shell(display);
        }
        return shell;
    }
}

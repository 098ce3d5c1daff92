package org.dhad.ui.internal.navigator;

import org.dhad.results.RunState;
import org.dhad.ui.internal.run.RunLauncher;
import org.dhad.ui.results.UserDialogs;
import org.eclipse.e4.core.di.annotations.CanExecute;
import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.ui.services.IServiceConstants;
import org.eclipse.e4.ui.workbench.modeling.ESelectionService;
import org.eclipse.swt.widgets.Shell;

import jakarta.inject.Named;

/**
 * Resume On Device... (navigator menu): {@link ResumeTrainingHandler Resume Training} on a device asked for in a
 * {@link DeviceDialog}; the run is then evaluated on the same device.
 */
public final class ResumeOnDeviceHandler {

    @CanExecute
    boolean canExecute(ESelectionService selection) {
        return NavigatorSelection.of(selection).singleRunIn(RunState.STOPPED);
    }

    @Execute
    void execute(ESelectionService selection, @Named(IServiceConstants.ACTIVE_SHELL) Shell shell,
            RunLauncher launcher, UserDialogs dialogs) {
        DeviceDialog.start(NavigatorSelection.of(selection), shell, "Resume", launcher, launcher::resume, dialogs);
    }
}

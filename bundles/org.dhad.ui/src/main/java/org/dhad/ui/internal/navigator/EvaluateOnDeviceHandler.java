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
 * Evaluate On Device... (navigator menu): {@link EvaluateRunHandler Evaluate} on a device asked for in a
 * {@link DeviceDialog}, for a run whose experiment names a device this machine does not have (or another one).
 */
public final class EvaluateOnDeviceHandler {

    @CanExecute
    boolean canExecute(ESelectionService selection) {
        return NavigatorSelection.of(selection).singleRunIn(RunState.TRAINED, RunState.EVALUATED);
    }

    @Execute
    void execute(ESelectionService selection, @Named(IServiceConstants.ACTIVE_SHELL) Shell shell,
            RunLauncher launcher, UserDialogs dialogs) {
        DeviceDialog.start(NavigatorSelection.of(selection), shell, "Evaluate", launcher, launcher::evaluate, dialogs);
    }
}

package org.dhad.ui.internal.navigator;

import java.util.List;

import org.dhad.results.RunState;
import org.dhad.ui.internal.run.RunLauncher;
import org.dhad.ui.results.UserDialogs;
import org.eclipse.e4.core.di.annotations.CanExecute;
import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.ui.workbench.modeling.ESelectionService;

/** Resume Training (navigator menu): continues the selected stopped run from its checkpoint and evaluates it. */
public final class ResumeTrainingHandler {

    @CanExecute
    boolean canExecute(ESelectionService selection) {
        return NavigatorSelection.of(selection).singleRunIn(RunState.STOPPED);
    }

    @Execute
    void execute(ESelectionService selection, RunLauncher launcher, UserDialogs dialogs) {
        NavigatorSelection.of(selection).singleRun().ifPresent(run -> {
            List<String> problems = launcher.resume(run, null);
            if (!problems.isEmpty()) {
                dialogs.showError("Resume Training", String.join("\n", problems));
            }
        });
    }
}

package org.dhad.ui.internal.navigator;

import org.dhad.results.RunState;
import org.dhad.ui.internal.run.RunLauncher;
import org.dhad.ui.results.UserDialogs;
import org.eclipse.e4.core.di.annotations.CanExecute;
import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.ui.model.application.ui.menu.MMenuItem;
import org.eclipse.e4.ui.workbench.modeling.ESelectionService;

/**
 * Evaluate (navigator menu): scores the selected trained run with its last checkpoint. On an evaluated run the
 * menu entry reads "Evaluate Again": the renderer hands the entry to {@link #canExecute} when the menu opens.
 */
public final class EvaluateRunHandler {

    static final String LABEL = "Evaluate";
    static final String AGAIN_LABEL = "Evaluate Again";

    @CanExecute
    boolean canExecute(ESelectionService selection, @Optional MMenuItem entry) {
        NavigatorSelection selected = NavigatorSelection.of(selection);
        if (entry != null) {
            entry.setLabel(selected.singleRunIn(RunState.EVALUATED) ? AGAIN_LABEL : LABEL);
        }
        return selected.singleRunIn(RunState.TRAINED, RunState.EVALUATED);
    }

    @Execute
    void execute(ESelectionService selection, RunLauncher launcher, UserDialogs dialogs) {
        NavigatorSelection.of(selection).singleRun().map(run -> launcher.evaluate(run, null)).filter(p -> !p.isEmpty())
                .ifPresent(problems -> dialogs.showError(LABEL, String.join("\n", problems)));
    }
}

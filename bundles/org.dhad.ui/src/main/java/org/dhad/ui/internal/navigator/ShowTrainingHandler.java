package org.dhad.ui.internal.navigator;

import org.dhad.ui.internal.run.RunViews;
import org.eclipse.e4.core.di.annotations.CanExecute;
import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.ui.workbench.modeling.ESelectionService;

/** Show Training (navigator menu): the Run part of the selected run, following its files, in any state. */
public final class ShowTrainingHandler {

    @CanExecute
    boolean canExecute(ESelectionService selection) {
        return NavigatorSelection.of(selection).singleRun().isPresent();
    }

    @Execute
    void execute(ESelectionService selection, RunViews views) {
        NavigatorSelection.of(selection).singleRun().ifPresent(views::follow);
    }
}

package org.dhad.ui.internal.navigator;

import org.dhad.results.RunState;
import org.dhad.ui.internal.run.RunViews;
import org.eclipse.e4.core.di.annotations.CanExecute;
import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.ui.workbench.modeling.ESelectionService;

/** Open Results (navigator menu): the results view of the selected run, once it is evaluated. */
public final class OpenResultsHandler {

    @CanExecute
    boolean canExecute(ESelectionService selection) {
        return NavigatorSelection.of(selection).singleRunIn(RunState.EVALUATED);
    }

    @Execute
    void execute(ESelectionService selection, RunViews views) {
        NavigatorSelection.of(selection).singleRun().ifPresent(views::openResults);
    }
}

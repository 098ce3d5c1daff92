package org.dhad.ui.internal.navigator;

import org.dhad.ui.internal.run.RunViews;
import org.eclipse.e4.core.di.annotations.CanExecute;
import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.ui.workbench.modeling.ESelectionService;

/** Compare Runs (navigator menu, Run menu, toolbar): the comparison of the runs selected in the navigator. */
public final class CompareRunsHandler {

    @CanExecute
    boolean canExecute(ESelectionService selection) {
        return NavigatorSelection.of(selection).runs().size() >= 2;
    }

    @Execute
    void execute(ESelectionService selection, RunViews views) {
        if (canExecute(selection)) {
            views.openComparison(NavigatorSelection.of(selection).runs());
        }
    }
}

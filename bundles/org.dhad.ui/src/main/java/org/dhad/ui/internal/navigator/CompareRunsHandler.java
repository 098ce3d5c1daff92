package org.dhad.ui.internal.navigator;

import org.eclipse.e4.core.di.annotations.CanExecute;
import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.workbench.modeling.EPartService;

/** Run > Compare Runs: opens the comparison of the runs selected in the navigator (two or more). */
public final class CompareRunsHandler {

    @CanExecute
    public boolean canExecute(EPartService parts) {
        NavigatorPart navigator = navigator(parts);
        return navigator != null && navigator.selectedRuns().size() >= 2;
    }

    @Execute
    public void execute(EPartService parts) {
        NavigatorPart navigator = navigator(parts);
        if (navigator != null) {
            navigator.compareSelected();
        }
    }

    /** The navigator of the window, or {@code null} when it is closed or not yet made. */
    static NavigatorPart navigator(EPartService parts) {
        MPart part = parts.findPart(NavigatorPart.PART_ID);
        return part != null && part.getObject() instanceof NavigatorPart navigator ? navigator : null;
    }
}

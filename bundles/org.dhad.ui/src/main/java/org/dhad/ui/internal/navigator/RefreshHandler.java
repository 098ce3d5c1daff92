package org.dhad.ui.internal.navigator;

import org.eclipse.e4.core.di.annotations.CanExecute;
import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.ui.workbench.modeling.EPartService;

/** Refresh (navigator menu): reads the workspace again now instead of at the next tick. */
public final class RefreshHandler {

    @CanExecute
    boolean canExecute(EPartService parts) {
        return NavigatorPart.find(parts).isPresent();
    }

    @Execute
    void execute(EPartService parts) {
        NavigatorPart.find(parts).ifPresent(NavigatorPart::refreshNow);
    }
}

package org.dhad.ui.internal.navigator;

import org.eclipse.e4.core.di.annotations.CanExecute;
import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.ui.workbench.modeling.ESelectionService;

/** Open (navigator menu, double-click): opens the one selected element with {@link NavigatorOpener}. */
public final class OpenHandler {

    @CanExecute
    boolean canExecute(ESelectionService selection) {
        return NavigatorSelection.of(selection).nodes().size() == 1;
    }

    @Execute
    void execute(ESelectionService selection, NavigatorOpener opener) {
        NavigatorSelection selected = NavigatorSelection.of(selection);
        if (selected.nodes().size() == 1) {
            NavigatorNode node = selected.nodes().get(0);
            opener.open(node, node instanceof NavigatorNode.Run run ? selected.states().get(run.dir()) : null);
        }
    }
}

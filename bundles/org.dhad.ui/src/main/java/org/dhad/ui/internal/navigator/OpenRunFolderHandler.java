package org.dhad.ui.internal.navigator;

import org.eclipse.e4.core.di.annotations.CanExecute;
import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.eclipse.e4.ui.workbench.modeling.EPartService.PartState;

/** Run > Open Run Folder...: lists a run folder from outside the workspace in the navigator and opens it. */
public final class OpenRunFolderHandler {

    @CanExecute
    boolean canExecute(EPartService parts) {
        return parts.findPart(NavigatorPart.PART_ID) != null;
    }

    @Execute
    void execute(EPartService parts) {
        MPart part = parts.findPart(NavigatorPart.PART_ID);
        if (part.getObject() == null) {
            parts.showPart(part, PartState.VISIBLE); // the navigator was closed: bring it back first
        }
        if (part.getObject() instanceof NavigatorPart navigator) {
            navigator.openRunFolder();
        }
    }
}

package org.dhad.ui.internal.navigator;

import java.nio.file.Path;

import org.dhad.ui.results.UserDialogs;
import org.eclipse.e4.core.di.annotations.CanExecute;
import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.eclipse.e4.ui.workbench.modeling.EPartService.PartState;

/**
 * Open Run Folder... (navigator menu, Run menu): asks for a run folder from outside the workspace, or a folder of
 * runs, lists it in the navigator under "Other runs" and opens it when it is one run.
 */
public final class OpenRunFolderHandler {

    @CanExecute
    boolean canExecute(EPartService parts) {
        return parts.findPart(NavigatorPart.PART_ID) != null;
    }

    @Execute
    void execute(EPartService parts, UserDialogs dialogs, NavigatorOpener opener) {
        MPart part = parts.findPart(NavigatorPart.PART_ID);
        if (part.getObject() == null) {
            parts.showPart(part, PartState.VISIBLE); // the navigator was closed: bring it back first
        }
        if (!(part.getObject() instanceof NavigatorPart navigator)) {
            return;
        }
        dialogs.chooseFolder("Open run folder", "A run folder (<runs>/<experiment>/<timestamp>) or a folder holding"
                + " run folders").ifPresent(chosen -> {
                    Path folder = chosen.toAbsolutePath().normalize();
                    boolean listed = navigator.addRunFolder(folder);
                    navigator.state(folder).ifPresentOrElse(state -> opener.open(new NavigatorNode.Run(folder), state),
                            () -> {
                                if (!listed) {
                                    dialogs.showError("Open run folder", folder + " holds no run folder; expected"
                                            + " experiment.json in it or in folders below it"
                                            + " (<runs>/<experiment>/<timestamp>/)");
                                }
                            });
                });
    }
}

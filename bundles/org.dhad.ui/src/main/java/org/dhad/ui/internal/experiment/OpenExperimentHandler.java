package org.dhad.ui.internal.experiment;

import java.nio.file.Path;

import org.dhad.model.ExperimentModel;
import org.dhad.model.ModelException;
import org.dhad.ui.results.UserDialogs;
import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.ui.model.application.MApplication;
import org.eclipse.e4.ui.workbench.modeling.EModelService;
import org.eclipse.e4.ui.workbench.modeling.EPartService;

/** File > Open experiment: loads an XMI file into a new experiment editor; load errors name file and line. */
public final class OpenExperimentHandler {

    @Execute
    void execute(UserDialogs dialogs, ExperimentModel model, EPartService parts, EModelService models,
            MApplication app) {
        java.util.Optional<Path> file = ExperimentFiles.askOpen(dialogs);
        if (file.isEmpty()) {
            return;
        }
        try {
            ExperimentEditors.open(model.load(file.get()), parts, models, app);
        } catch (ModelException e) {
            dialogs.showError("Open experiment", e.getMessage());
        }
    }
}

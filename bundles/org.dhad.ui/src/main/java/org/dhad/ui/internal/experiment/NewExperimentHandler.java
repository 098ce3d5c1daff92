package org.dhad.ui.internal.experiment;

import java.nio.file.Path;

import org.dhad.model.ExperimentDocument;
import org.dhad.model.ExperimentModel;
import org.dhad.model.ModelException;
import org.dhad.ui.results.UserDialogs;
import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.ui.model.application.MApplication;
import org.eclipse.e4.ui.services.IServiceConstants;
import org.eclipse.e4.ui.workbench.modeling.EModelService;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.eclipse.jface.window.Window;
import org.eclipse.swt.widgets.Shell;

import jakarta.inject.Named;

/** File > New experiment: asks for a preset and a file, saves the preset's copy there and opens it. */
public final class NewExperimentHandler {

    @Execute
    void execute(@Named(IServiceConstants.ACTIVE_SHELL) Shell shell, UserDialogs dialogs, ExperimentModel model,
            EPartService parts, EModelService models, MApplication app) {
        PresetDialog dialog = new PresetDialog(shell, model.presets());
        if (dialog.open() != Window.OK || dialog.chosen() == null) {
            return;
        }
        try {
            ExperimentDocument document = model.preset(dialog.chosen().name());
            java.util.Optional<Path> file = ExperimentFiles.askSave(dialogs, document.getName());
            if (file.isEmpty()) {
                return;
            }
            document.save(file.get());
            ExperimentEditors.open(document, parts, models, app);
        } catch (ModelException e) {
            dialogs.showError("New experiment", e.getMessage());
        }
    }
}

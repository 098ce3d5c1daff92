package org.dhad.ui.internal.experiment;

import java.nio.file.Path;

import org.dhad.model.ExperimentModel;
import org.dhad.model.ModelException;
import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.ui.model.application.MApplication;
import org.eclipse.e4.ui.services.IServiceConstants;
import org.eclipse.e4.ui.workbench.modeling.EModelService;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.swt.widgets.Shell;

import jakarta.inject.Named;

/** File > Open experiment: loads an XMI file into a new experiment editor; load errors name file and line. */
public final class OpenExperimentHandler {

    @Execute
    void execute(@Named(IServiceConstants.ACTIVE_SHELL) Shell shell, ExperimentModel model, EPartService parts,
            EModelService models, MApplication app) {
        Path file = ExperimentFiles.askOpen(shell);
        if (file == null) {
            return;
        }
        try {
            ExperimentEditors.open(model.load(file), parts, models, app);
        } catch (ModelException e) {
            MessageDialog.openError(shell, "Open experiment", e.getMessage());
        }
    }
}

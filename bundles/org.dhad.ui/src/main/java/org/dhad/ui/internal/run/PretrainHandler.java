package org.dhad.ui.internal.run;

import java.util.List;

import org.dhad.model.PluginSlot;
import org.dhad.ui.internal.experiment.ExperimentPart;
import org.dhad.ui.results.UserDialogs;
import org.eclipse.e4.core.contexts.ContextInjectionFactory;
import org.eclipse.e4.core.contexts.IEclipseContext;
import org.eclipse.e4.core.di.annotations.CanExecute;
import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.services.IServiceConstants;

import jakarta.inject.Named;

/**
 * Run > Pretrain on Segmentation Source: {@code dhad pretrain} for the experiment of the active editor, in a job
 * with a Run part; the run ends with the weights file the experiment's weights field then loads.
 */
public final class PretrainHandler {

    @CanExecute
    boolean canExecute(@Optional @Named(IServiceConstants.ACTIVE_PART) MPart part) {
        return part != null && part.getObject() instanceof ExperimentPart editor
                && editor.document().getPlugin(PluginSlot.SEGMENTATION).isPresent();
    }

    @Execute
    void execute(@Named(IServiceConstants.ACTIVE_PART) MPart part, UserDialogs dialogs, IEclipseContext context) {
        ExperimentPart editor = (ExperimentPart) part.getObject();
        List<String> problems = ContextInjectionFactory.make(RunLauncher.class, context).pretrain(editor.document());
        if (!problems.isEmpty()) {
            dialogs.showError("Pretrain", "The pretraining cannot run:\n" + String.join("\n", problems));
        }
    }
}

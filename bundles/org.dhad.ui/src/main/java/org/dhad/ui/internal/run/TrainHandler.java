package org.dhad.ui.internal.run;

import java.util.List;

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

/** Run > Train: trains the experiment of the active editor, then evaluates it, in a job with a Run part. */
public final class TrainHandler {

    @CanExecute
    boolean canExecute(@Optional @Named(IServiceConstants.ACTIVE_PART) MPart part) {
        return part != null && part.getObject() instanceof ExperimentPart editor && editor.problems().isEmpty();
    }

    @Execute
    void execute(@Named(IServiceConstants.ACTIVE_PART) MPart part, UserDialogs dialogs, IEclipseContext context) {
        ExperimentPart editor = (ExperimentPart) part.getObject();
        List<String> problems = ContextInjectionFactory.make(RunLauncher.class, context).start(editor.document());
        if (!problems.isEmpty()) {
            dialogs.showError("Train", "The experiment cannot run:\n" + String.join("\n", problems));
        }
    }
}

package org.dhad.ui.internal.experiment;

import org.eclipse.e4.core.di.annotations.CanExecute;
import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.services.IServiceConstants;
import org.eclipse.e4.ui.workbench.modeling.EPartService;

import jakarta.inject.Named;

/** File > Save (Ctrl+S): saves the active part through EPartService, which calls its {@code @Persist} method. */
public final class SaveHandler {

    @CanExecute
    boolean canExecute(@Optional @Named(IServiceConstants.ACTIVE_PART) MPart part) {
        return part != null && part.isDirty();
    }

    @Execute
    void execute(@Named(IServiceConstants.ACTIVE_PART) MPart part, EPartService parts) {
        parts.savePart(part, false);
    }
}

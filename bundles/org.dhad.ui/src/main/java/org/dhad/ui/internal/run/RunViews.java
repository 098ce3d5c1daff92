package org.dhad.ui.internal.run;

import java.nio.file.Path;
import java.util.List;

import org.dhad.ui.internal.experiment.ExperimentEditors;
import org.dhad.ui.results.ResultsParts;
import org.eclipse.e4.core.di.annotations.Creatable;
import org.eclipse.e4.ui.model.application.MApplication;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.model.application.ui.basic.MPartStack;
import org.eclipse.e4.ui.workbench.modeling.EModelService;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.eclipse.e4.ui.workbench.modeling.EPartService.PartState;

import jakarta.inject.Inject;

/**
 * Opens the views of run folders: the Run part that follows a run's training from its files, and (through
 * {@link ResultsParts}) the results of one run and the comparison of several. Made by
 * injection in the window's context, or by the injector for a handler (it is {@link Creatable}).
 */
@Creatable
public final class RunViews {

    private final EPartService parts;
    private final EModelService models;
    private final MApplication app;

    @Inject
    public RunViews(EPartService parts, EModelService models, MApplication app) {
        this.parts = parts;
        this.models = models;
        this.app = app;
    }

    /** Opens the results part of an evaluated run. */
    public void openResults(Path runDir) {
        ResultsParts.openResults(parts, runDir);
    }

    /** Opens the comparison of {@code runDirs} (two or more). */
    public void openComparison(List<Path> runDirs) {
        ResultsParts.openComparison(parts, runDirs);
    }

    /**
     * Shows the Run part of {@code runDir}: the one already open for it (a run this workbench started, or one
     * followed before), else a new part that follows the folder's files.
     */
    public MPart follow(Path runDir) {
        Path dir = runDir.toAbsolutePath().normalize();
        for (MPart open : parts.getParts()) {
            if (open.getObject() instanceof RunPart run && dir.equals(run.runDir())) {
                parts.showPart(open, PartState.ACTIVATE);
                return open;
            }
        }
        MPart part = parts.createPart(RunPart.DESCRIPTOR_ID);
        part.getPersistedState().put(RunPart.RUN_DIR_KEY, dir.toString());
        MPartStack stack = (MPartStack) models.find(ExperimentEditors.STACK_ID, app);
        if (stack != null) {
            stack.getChildren().add(part);
        }
        return parts.showPart(part, PartState.ACTIVATE);
    }
}

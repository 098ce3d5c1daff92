package org.dhad.ui.internal.navigator;

import java.nio.file.Path;

import org.dhad.model.ExperimentModel;
import org.dhad.model.ModelException;
import org.dhad.results.RunState;
import org.dhad.ui.internal.experiment.ExperimentEditors;
import org.dhad.ui.internal.experiment.ExperimentPart;
import org.dhad.ui.internal.navigator.NavigatorNode.ExperimentFile;
import org.dhad.ui.internal.navigator.NavigatorNode.Folder;
import org.dhad.ui.internal.navigator.NavigatorNode.Run;
import org.dhad.ui.internal.run.RunViews;
import org.dhad.ui.results.UserDialogs;
import org.eclipse.e4.core.di.annotations.Creatable;
import org.eclipse.e4.ui.model.application.MApplication;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.workbench.modeling.EModelService;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.eclipse.e4.ui.workbench.modeling.EPartService.PartState;

import jakarta.inject.Inject;

/**
 * What Open does with an element of the navigator: an experiment file opens in its editor (the one already open,
 * else a new one), an evaluated run shows its results, any other run its Run part, and a folder opens or closes.
 */
@Creatable
public final class NavigatorOpener {

    private final ExperimentModel model;
    private final EPartService parts;
    private final EModelService models;
    private final MApplication app;
    private final UserDialogs dialogs;

    @Inject
    public NavigatorOpener(ExperimentModel model, EPartService parts, EModelService models, MApplication app,
            UserDialogs dialogs) {
        this.model = model;
        this.parts = parts;
        this.models = models;
        this.app = app;
        this.dialogs = dialogs;
    }

    /** Opens {@code node}; {@code state} is a run's state as the navigator last read it ({@code null}: unknown). */
    public void open(NavigatorNode node, RunState state) {
        if (node instanceof ExperimentFile e) {
            openExperiment(e.file());
        } else if (node instanceof Run r) {
            RunViews views = new RunViews(parts, models, app);
            if (state == RunState.EVALUATED) {
                views.openResults(r.dir());
            } else {
                views.follow(r.dir());
            }
        } else {
            NavigatorPart.find(parts).ifPresent(navigator -> navigator.toggle((Folder) node));
        }
    }

    private void openExperiment(Path file) {
        for (MPart open : parts.getParts()) {
            if (open.getObject() instanceof ExperimentPart editor
                    && editor.document().file().map(file::equals).orElse(false)) {
                parts.showPart(open, PartState.ACTIVATE);
                return;
            }
        }
        try {
            ExperimentEditors.open(model.load(file), parts, models, app);
        } catch (ModelException e) {
            dialogs.showError("Open experiment", e.getMessage());
        }
    }
}

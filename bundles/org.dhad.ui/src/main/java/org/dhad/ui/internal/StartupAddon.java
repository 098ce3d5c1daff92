package org.dhad.ui.internal;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.dhad.engine.TrainingService;
import org.dhad.model.ExperimentDocument;
import org.dhad.model.ExperimentModel;
import org.dhad.model.ModelException;
import org.dhad.ui.internal.experiment.ExperimentEditors;
import org.dhad.ui.internal.run.RunLauncher;
import org.dhad.ui.results.ResultsParts;
import org.eclipse.core.runtime.Platform;
import org.eclipse.e4.core.contexts.ContextInjectionFactory;
import org.eclipse.e4.core.contexts.IEclipseContext;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.ui.di.UIEventTopic;
import org.eclipse.e4.ui.model.application.MApplication;
import org.eclipse.e4.ui.model.application.ui.basic.MWindow;
import org.eclipse.e4.ui.workbench.UIEvents;
import org.eclipse.e4.ui.workbench.modeling.EModelService;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.osgi.service.event.Event;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import jakarta.inject.Inject;

/**
 * Program arguments of the workbench: {@code -experiment FILE} opens an experiment file when the
 * workbench has started, and {@code -train} also trains it as soon as the engine is available;
 * {@code -results RUN_DIR} opens the results of a run and {@code -compare RUN_DIR:RUN_DIR[:...]} (folders
 * separated by the platform's path separator) compares runs; {@code -tab TEXT} then shows the tab TEXT of the
 * part opened last (used by the screenshot script and for scripted demos).
 */
public final class StartupAddon {

    private static final Logger LOG = LoggerFactory.getLogger(StartupAddon.class);

    private final List<String> args = Arrays.asList(Platform.getApplicationArgs());
    private IEclipseContext windowContext;
    private ExperimentDocument opened;
    private TrainingService training;
    private boolean trainStarted;

    @Inject
    @Optional
    void started(@UIEventTopic(UIEvents.UILifeCycle.APP_STARTUP_COMPLETE) Event event, MApplication app,
            ExperimentModel model, EModelService models) {
        if (app.getChildren().isEmpty()) {
            return;
        }
        MWindow window = app.getChildren().get(0);
        windowContext = window.getContext();
        EPartService parts = windowContext.get(EPartService.class);
        value("-results").ifPresent(dir -> ResultsParts.openResults(parts, Path.of(dir).toAbsolutePath()));
        value("-tab").ifPresent(tab -> org.eclipse.swt.widgets.Display.getCurrent().asyncExec(() -> selectTab(
                parts.getActivePart(), tab)));
        value("-compare").ifPresent(dirs -> ResultsParts.openComparison(parts, Arrays.stream(dirs.split(
                java.io.File.pathSeparator)).filter(d -> !d.isBlank()).map(d -> Path.of(d).toAbsolutePath()).toList()));
        java.util.Optional<String> experiment = value("-experiment");
        if (experiment.isEmpty()) {
            return;
        }
        Path file = Path.of(experiment.get()).toAbsolutePath();
        try {
            opened = model.load(file);
            ExperimentEditors.open(opened, parts, models, app);
        } catch (ModelException e) {
            LOG.error("Cannot open the experiment given by -experiment: {}", e.getMessage());
            return;
        }
        trainIfAsked();
    }

    /** {@code -tab TEXT}: shows the tab named TEXT of the active part (e.g. a results view's Images). */
    private static void selectTab(org.eclipse.e4.ui.model.application.ui.basic.MPart part, String text) {
        if (part != null && part.getWidget() instanceof org.eclipse.swt.widgets.Control control) {
            selectTab(control, text);
        }
    }

    private static void selectTab(org.eclipse.swt.widgets.Control control, String text) {
        if (control instanceof org.eclipse.swt.widgets.TabFolder folder) {
            for (org.eclipse.swt.widgets.TabItem item : folder.getItems()) {
                if (item.getText().equals(text)) {
                    folder.setSelection(item);
                    org.eclipse.swt.widgets.Event event = new org.eclipse.swt.widgets.Event();
                    event.item = item;
                    folder.notifyListeners(org.eclipse.swt.SWT.Selection, event);
                }
            }
        }
        if (control instanceof org.eclipse.swt.widgets.Composite composite) {
            for (org.eclipse.swt.widgets.Control child : composite.getChildren()) {
                selectTab(child, text);
            }
        }
    }

    private java.util.Optional<String> value(String option) {
        int at = args.indexOf(option);
        return at < 0 || at + 1 >= args.size() ? java.util.Optional.empty() : java.util.Optional.of(args.get(at + 1));
    }

    /** The engine registers late (libtorch loads first); training waits for it. */
    @Inject
    void setTraining(@Optional TrainingService training) {
        this.training = training;
        // Service events arrive on the thread that registered the service; parts are made on the UI thread.
        org.eclipse.swt.widgets.Display.getDefault().asyncExec(this::trainIfAsked);
    }

    private void trainIfAsked() {
        if (trainStarted || opened == null || training == null || !args.contains("-train")) {
            return;
        }
        trainStarted = true;
        List<String> problems = ContextInjectionFactory.make(RunLauncher.class, windowContext).start(opened);
        if (!problems.isEmpty()) {
            LOG.error("-train: the experiment '{}' cannot run: {}", opened.getName(), problems);
        }
    }
}

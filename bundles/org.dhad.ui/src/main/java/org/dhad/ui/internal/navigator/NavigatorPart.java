package org.dhad.ui.internal.navigator;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.dhad.model.ExperimentModel;
import org.dhad.model.ModelException;
import org.dhad.report.HtmlReport;
import org.dhad.results.ResultsException;
import org.dhad.results.RunFolder;
import org.dhad.results.RunState;
import org.dhad.ui.internal.WorkspaceFolders;
import org.dhad.ui.internal.experiment.ExperimentEditors;
import org.dhad.ui.internal.experiment.ExperimentPart;
import org.dhad.ui.internal.navigator.NavigatorNode.ExperimentFile;
import org.dhad.ui.internal.navigator.NavigatorNode.Folder;
import org.dhad.ui.internal.navigator.NavigatorNode.Run;
import org.dhad.ui.internal.navigator.WorkspaceTree.RunInfo;
import org.dhad.ui.internal.run.RunLauncher;
import org.dhad.ui.internal.run.RunViews;
import org.eclipse.e4.core.contexts.ContextInjectionFactory;
import org.eclipse.e4.core.contexts.IEclipseContext;
import org.eclipse.e4.core.services.events.IEventBroker;
import org.eclipse.e4.ui.di.Focus;
import org.eclipse.e4.ui.model.application.MApplication;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.workbench.UIEvents;
import org.eclipse.e4.ui.workbench.modeling.EModelService;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.eclipse.e4.ui.workbench.modeling.EPartService.PartState;
import org.eclipse.jface.action.Action;
import org.eclipse.jface.action.MenuManager;
import org.eclipse.jface.action.Separator;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.LabelProvider;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.jface.viewers.TreeViewer;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.custom.BusyIndicator;
import org.eclipse.swt.program.Program;
import org.eclipse.swt.widgets.DirectoryDialog;
import org.eclipse.swt.widgets.FileDialog;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;

/**
 * The workspace navigator ({@link WorkspaceFolders#root()}): "Experiments" lists the experiment files, "Runs"
 * the run folders grouped by experiment, each with its timestamp, state, once evaluated its mean pixel AUROC, and
 * its configuration in short (backbone and its file, freeze, patches, seed: what sets apart runs of one experiment).
 * Every {@value #REFRESH_MS} ms it looks at the disk again, so runs that {@code dhad train --runs
 * <workspace>/runs} starts from a terminal appear and change state while they train; selection and expanded
 * folders survive. Double-click opens an experiment in its editor, an evaluated run's results, or the Run part
 * of a run still training; the context menu also compares the selected runs and opens run folders elsewhere.
 */
public final class NavigatorPart {

    /** The part's element id in Application.e4xmi. */
    public static final String PART_ID = "org.dhad.ui.part.navigator";
    static final int REFRESH_MS = 2000;

    private final IEclipseContext context;
    private final ExperimentModel model;
    private final WorkspaceTree tree = new WorkspaceTree(WorkspaceFolders.root());
    private final Set<NavigatorNode> seenFolders = new HashSet<>();
    private final Runnable tick = this::tick;
    private TreeViewer viewer;

    @Inject
    public NavigatorPart(IEclipseContext context, ExperimentModel model) {
        this.context = context;
        this.model = model;
    }

    @PostConstruct
    void createControls(Composite parent) {
        viewer = new TreeViewer(parent, SWT.MULTI | SWT.V_SCROLL | SWT.H_SCROLL);
        viewer.setUseHashlookup(true);
        viewer.setContentProvider(new TreeContent(tree));
        viewer.setLabelProvider(new LabelProvider() {
            @Override
            public String getText(Object element) {
                return label((NavigatorNode) element);
            }
        });
        viewer.addSelectionChangedListener(e -> {
            // Compare Runs in the toolbar and Run menu follows the selection.
            IEventBroker broker = context.get(IEventBroker.class);
            if (broker != null) {
                broker.send(UIEvents.REQUEST_ENABLEMENT_UPDATE_TOPIC, UIEvents.ALL_ELEMENT_ID);
            }
        });
        viewer.addDoubleClickListener(e -> selected().stream().findFirst().ifPresent(this::open));
        MenuManager menu = new MenuManager();
        menu.setRemoveAllWhenShown(true);
        menu.addMenuListener(this::fillMenu);
        viewer.getControl().setMenu(menu.createContextMenu(viewer.getControl()));
        viewer.setInput(tree);
        refreshNow();
        viewer.getControl().getDisplay().timerExec(REFRESH_MS, tick);
    }

    @Focus
    void setFocus() {
        viewer.getControl().setFocus();
    }

    @PreDestroy
    void dispose() {
        if (viewer != null && !viewer.getControl().isDisposed()) {
            viewer.getControl().getDisplay().timerExec(-1, tick);
        }
    }

    /** Reads the workspace again now if it changed, updating the tree in place. */
    public void refreshNow() {
        if (!tree.refresh()) {
            return;
        }
        viewer.refresh(true);
        // Folders that appeared since the last refresh open, so a new run shows without a click.
        for (NavigatorNode top : tree.roots()) {
            expandNew(top);
            tree.children(top).stream().filter(Folder.class::isInstance).forEach(this::expandNew);
        }
    }

    private void expandNew(NavigatorNode folder) {
        if (!seenFolders.contains(folder) && !tree.children(folder).isEmpty()) {
            viewer.setExpandedState(folder, true);
            seenFolders.add(folder); // once: a folder the user closes stays closed
        }
    }

    /** The workspace model behind the tree (tests add run folders without the folder dialog). */
    WorkspaceTree tree() {
        return tree;
    }

    /** Whether the tree shows the children of {@code folder}. */
    public boolean isExpanded(NavigatorNode folder) {
        return viewer.getExpandedState(folder);
    }

    private void tick() {
        if (viewer.getControl().isDisposed()) {
            return;
        }
        refreshNow();
        viewer.getControl().getDisplay().timerExec(REFRESH_MS, tick);
    }

    /** The text the tree shows for {@code node}. */
    public String label(NavigatorNode node) {
        if (node instanceof Folder f) {
            return f.label() + (f.equals(WorkspaceTree.EXPERIMENTS) || f.equals(WorkspaceTree.RUNS) ? ""
                    : " (" + tree.children(f).size() + ")");
        }
        if (node instanceof ExperimentFile e) {
            return tree.root().resolve("experiments").relativize(e.file()).toString();
        }
        Path dir = ((Run) node).dir();
        return tree.run(dir).map(RunInfo::label).orElse(dir.getFileName().toString());
    }

    /** The elements under {@code node} as the tree has them (the roots for {@code null}). */
    public List<NavigatorNode> children(NavigatorNode node) {
        return node == null ? tree.roots() : tree.children(node);
    }

    /** The run folders selected in the tree, in tree order. */
    public List<Path> selectedRuns() {
        return selected().stream().filter(Run.class::isInstance).map(n -> ((Run) n).dir()).toList();
    }

    /** Selects these run folders (those the tree shows) as a user would. */
    public void selectRuns(List<Path> runDirs) {
        viewer.setSelection(new StructuredSelection(runDirs.stream().map(d -> new Run(d.toAbsolutePath().normalize()))
                .toArray()), true);
    }

    /** Compares the selected runs (Compare Runs); {@code false} when fewer than two are selected. */
    public boolean compareSelected() {
        List<Path> runs = selectedRuns();
        if (runs.size() < 2) {
            return false;
        }
        views().openComparison(runs);
        return true;
    }

    /**
     * Writes the self-contained HTML report of the selected runs to {@code file}, as {@code dhad report} does.
     *
     * @return the problem, or {@code null} when the report was written
     */
    public String exportReport(Path file) {
        List<Path> runs = selectedRuns();
        if (runs.isEmpty()) {
            return "Select one or more runs to report on";
        }
        try {
            List<RunFolder> folders = new ArrayList<>();
            for (Path run : runs) {
                folders.add(RunFolder.open(run));
            }
            new HtmlReport(folders).write(file);
            return null;
        } catch (ResultsException | java.io.IOException e) {
            return file + ": the report was not written: " + e.getMessage();
        }
    }

    /** Asks where to save the report of the selected runs, writes it and opens it in the browser. */
    private void exportReportDialog() {
        FileDialog dialog = new FileDialog(viewer.getControl().getShell(), SWT.SAVE);
        dialog.setText("Export HTML report");
        dialog.setFilterExtensions(new String[] {"*.html"});
        dialog.setFilterPath(WorkspaceFolders.root().toString());
        dialog.setFileName("report.html");
        dialog.setOverwrite(true);
        String chosen = dialog.open();
        if (chosen == null) {
            return;
        }
        String[] problem = new String[1];
        BusyIndicator.showWhile(viewer.getControl().getDisplay(), () -> problem[0] = exportReport(Path.of(chosen)));
        if (problem[0] != null) {
            error("Export HTML report", problem[0]);
        } else {
            Program.launch(chosen);
        }
    }

    /** Asks for a run folder outside the workspace (or a folder of runs), lists and opens it. */
    public void openRunFolder() {
        DirectoryDialog dialog = new DirectoryDialog(viewer.getControl().getShell());
        dialog.setText("Open run folder");
        dialog.setMessage("A run folder (<runs>/<experiment>/<timestamp>) or a folder holding run folders");
        String chosen = dialog.open();
        if (chosen != null) {
            addRunFolder(Path.of(chosen));
        }
    }

    /** Lists the runs in {@code dir} under "Other runs" and opens it when it is one run. */
    public void addRunFolder(Path dir) {
        Path folder = dir.toAbsolutePath().normalize();
        tree.addOthers(List.of(folder));
        refreshNow();
        if (tree.run(folder).isPresent()) {
            selectRuns(List.of(folder));
            open(new Run(folder));
        } else if (tree.children(WorkspaceTree.OTHERS).isEmpty()) {
            error("Open run folder", folder + " holds no run folder; expected experiment.json in it or in folders"
                    + " below it (<runs>/<experiment>/<timestamp>/)");
        }
    }

    /** Opens an experiment in its editor, an evaluated run's results, or the Run part of any other run. */
    public void open(NavigatorNode node) {
        if (node instanceof ExperimentFile e) {
            openExperiment(e.file());
        } else if (node instanceof Run r) {
            RunState state = tree.run(r.dir()).map(RunInfo::state).orElse(RunState.CREATED);
            if (state == RunState.EVALUATED) {
                views().openResults(r.dir());
            } else {
                views().follow(r.dir());
            }
        } else {
            viewer.setExpandedState(node, !viewer.getExpandedState(node));
        }
    }

    private void openExperiment(Path file) {
        EPartService parts = context.get(EPartService.class);
        for (MPart open : parts.getParts()) {
            if (open.getObject() instanceof ExperimentPart editor
                    && editor.document().file().map(file::equals).orElse(false)) {
                parts.showPart(open, PartState.ACTIVATE);
                return;
            }
        }
        try {
            ExperimentEditors.open(model.load(file), parts, context.get(EModelService.class),
                    context.get(MApplication.class));
        } catch (ModelException e) {
            error("Open experiment", e.getMessage());
        }
    }

    private void fillMenu(org.eclipse.jface.action.IMenuManager menu) {
        List<NavigatorNode> selection = selected();
        List<Path> runs = selectedRuns();
        menu.add(action("Open", selection.size() == 1, () -> open(selection.get(0))));
        menu.add(action("Open Results", runs.size() == 1 && tree.run(runs.get(0)).map(RunInfo::state)
                .orElse(null) == RunState.EVALUATED, () -> views().openResults(runs.get(0))));
        menu.add(action("Show Training", runs.size() == 1, () -> views().follow(runs.get(0))));
        RunState state = runs.size() == 1 ? tree.run(runs.get(0)).map(RunInfo::state).orElse(null) : null;
        menu.add(action("Resume Training", state == RunState.STOPPED, () -> launch("Resume Training",
                launcher().resume(runs.get(0)))));
        menu.add(action(state == RunState.EVALUATED ? "Evaluate Again" : "Evaluate",
                state == RunState.TRAINED || state == RunState.EVALUATED,
                () -> launch("Evaluate", launcher().evaluate(runs.get(0)))));
        menu.add(new Separator());
        menu.add(action("Compare Runs", runs.size() >= 2, this::compareSelected));
        menu.add(action("Export HTML Report...", !runs.isEmpty(), this::exportReportDialog));
        menu.add(action("Open Run Folder...", true, this::openRunFolder));
        menu.add(new Separator());
        menu.add(action("Refresh", true, this::refreshNow));
    }

    private static Action action(String text, boolean enabled, Runnable run) {
        Action action = new Action(text) {
            @Override
            public void run() {
                run.run();
            }
        };
        action.setEnabled(enabled);
        return action;
    }

    private List<NavigatorNode> selected() {
        List<NavigatorNode> nodes = new ArrayList<>();
        for (Object o : ((IStructuredSelection) viewer.getSelection()).toList()) {
            nodes.add((NavigatorNode) o);
        }
        return nodes;
    }

    private RunLauncher launcher() {
        return ContextInjectionFactory.make(RunLauncher.class, context);
    }

    private void launch(String title, List<String> problems) {
        if (!problems.isEmpty()) {
            error(title, String.join("\n", problems));
        }
    }

    private RunViews views() {
        return ContextInjectionFactory.make(RunViews.class, context);
    }

    private void error(String title, String message) {
        if (Boolean.getBoolean("dhad.ui.noDialogs")) {
            org.slf4j.LoggerFactory.getLogger(NavigatorPart.class).error("{}: {}", title, message);
        } else {
            MessageDialog.openError(viewer.getControl().getShell(), title, message);
        }
    }
}

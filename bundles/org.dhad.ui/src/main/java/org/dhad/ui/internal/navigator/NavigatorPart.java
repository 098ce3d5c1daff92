package org.dhad.ui.internal.navigator;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.dhad.results.RunState;
import org.dhad.ui.internal.WorkspaceFolders;
import org.dhad.ui.internal.navigator.NavigatorNode.ExperimentFile;
import org.dhad.ui.internal.navigator.NavigatorNode.Folder;
import org.dhad.ui.internal.navigator.NavigatorNode.Run;
import org.dhad.ui.internal.navigator.WorkspaceTree.RunInfo;
import org.eclipse.core.commands.ParameterizedCommand;
import org.eclipse.e4.core.commands.ECommandService;
import org.eclipse.e4.core.commands.EHandlerService;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.core.services.events.IEventBroker;
import org.eclipse.e4.ui.di.Focus;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.services.EMenuService;
import org.eclipse.e4.ui.workbench.UIEvents;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.eclipse.e4.ui.workbench.modeling.ESelectionService;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.LabelProvider;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.jface.viewers.TreeViewer;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;

/**
 * The workspace navigator ({@link WorkspaceFolders#root()}): "Experiments" lists the experiment files, "Runs"
 * the run folders grouped by experiment, each with its timestamp, state, once evaluated its mean pixel AUROC, and
 * its configuration in short (backbone and its file, freeze, patches, seed: what sets apart runs of one experiment).
 * Every {@value #REFRESH_MS} ms it looks at the disk again, so runs that {@code dhad train --runs
 * <workspace>/runs} starts from a terminal appear and change state while they train; selection and expanded
 * folders survive. The selection goes to the {@link ESelectionService} as a {@link NavigatorSelection}; the
 * context menu is the part's {@value #POPUP_MENU_ID} in Application.e4xmi, whose commands' handlers act on that
 * selection, and a double-click executes the same command as its Open entry.
 */
public final class NavigatorPart {

    /** The part's element id in Application.e4xmi. */
    public static final String PART_ID = "org.dhad.ui.part.navigator";
    /** The part's context menu in Application.e4xmi. */
    public static final String POPUP_MENU_ID = "org.dhad.ui.part.navigator.popup";
    /** The command of the context menu's Open entry, which a double-click executes too. */
    public static final String OPEN_COMMAND_ID = "org.dhad.ui.command.navigator.open";
    static final int REFRESH_MS = 2000;

    private final ESelectionService selection;
    private final ECommandService commands;
    private final EHandlerService handlers;
    private final WorkspaceTree tree = new WorkspaceTree(WorkspaceFolders.root());
    private final Set<NavigatorNode> seenFolders = new HashSet<>();
    private final Runnable tick = this::tick;
    private TreeViewer viewer;

    @Inject
    @Optional
    private IEventBroker broker;

    @Inject
    public NavigatorPart(ESelectionService selection, ECommandService commands, EHandlerService handlers) {
        this.selection = selection;
        this.commands = commands;
        this.handlers = handlers;
    }

    @PostConstruct
    void createControls(Composite parent, EMenuService menus) {
        viewer = new TreeViewer(parent, SWT.MULTI | SWT.V_SCROLL | SWT.H_SCROLL);
        viewer.setUseHashlookup(true);
        viewer.setContentProvider(new TreeContent(tree));
        viewer.setLabelProvider(new LabelProvider() {
            @Override
            public String getText(Object element) {
                return label((NavigatorNode) element);
            }
        });
        viewer.addSelectionChangedListener(e -> publishSelection());
        viewer.addDoubleClickListener(e -> {
            ParameterizedCommand open = commands.createCommand(OPEN_COMMAND_ID, null);
            if (open != null) {
                handlers.executeHandler(open);
            }
        });
        menus.registerContextMenu(viewer.getControl(), POPUP_MENU_ID);
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

    /** The navigator of the window, if it is open. */
    public static java.util.Optional<NavigatorPart> find(EPartService parts) {
        MPart part = parts.findPart(PART_ID);
        return part != null && part.getObject() instanceof NavigatorPart navigator ? java.util.Optional.of(navigator)
                : java.util.Optional.empty();
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
        publishSelection(); // the selected runs' states may have changed
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

    /** Opens or closes a folder of the tree (Open on a folder). */
    public void toggle(Folder folder) {
        viewer.setExpandedState(folder, !viewer.getExpandedState(folder));
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

    /** The state of a run folder the tree lists, as last read. */
    public java.util.Optional<RunState> state(Path runDir) {
        return tree.run(runDir).map(RunInfo::state);
    }

    /** The run folders selected in the tree, in tree order. */
    public List<Path> selectedRuns() {
        return current().runs();
    }

    /** Selects these elements (those the tree shows) as a user would. */
    public void select(List<? extends NavigatorNode> nodes) {
        viewer.setSelection(new StructuredSelection(nodes.toArray()), true);
    }

    /** Selects these run folders (those the tree shows) as a user would. */
    public void selectRuns(List<Path> runDirs) {
        select(runDirs.stream().map(d -> new Run(d.toAbsolutePath().normalize())).toList());
    }

    /**
     * Lists the runs in {@code dir} (a run folder, or a folder holding run folders) under "Other runs" and
     * selects it when it is one run.
     *
     * @return whether "Other runs" lists any run now
     */
    public boolean addRunFolder(Path dir) {
        Path folder = dir.toAbsolutePath().normalize();
        tree.addOthers(List.of(folder));
        refreshNow();
        if (tree.run(folder).isPresent()) {
            selectRuns(List.of(folder));
        }
        return !tree.children(WorkspaceTree.OTHERS).isEmpty();
    }

    private NavigatorSelection current() {
        Map<Path, RunState> states = new HashMap<>();
        List<?> selected = ((IStructuredSelection) viewer.getSelection()).toList();
        List<NavigatorNode> nodes = selected.stream().map(NavigatorNode.class::cast).toList();
        for (NavigatorNode node : nodes) {
            if (node instanceof Run run) {
                state(run.dir()).ifPresent(s -> states.put(run.dir(), s));
            }
        }
        return new NavigatorSelection(nodes, states);
    }

    private void publishSelection() {
        selection.setSelection(current());
        IEventBroker events = broker;
        if (events != null) { // Compare Runs in the toolbar and Run menu follows the selection
            events.send(UIEvents.REQUEST_ENABLEMENT_UPDATE_TOPIC, UIEvents.ALL_ELEMENT_ID);
        }
    }
}

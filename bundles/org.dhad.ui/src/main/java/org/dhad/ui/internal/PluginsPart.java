package org.dhad.ui.internal;

import java.util.List;
import java.util.function.Function;

import org.dhad.api.registry.PluginConflict;
import org.dhad.api.registry.PluginDescriptor;
import org.dhad.api.registry.PluginInstaller;
import org.dhad.api.registry.PluginRegistry;
import org.dhad.ui.results.UserDialogs;
import org.eclipse.e4.ui.di.Focus;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.layout.TableColumnLayout;
import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.ColumnViewerToolTipSupport;
import org.eclipse.jface.viewers.ColumnWeightData;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.viewers.TableViewerColumn;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Label;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;

/**
 * The Plugins view: every provider the {@link PluginRegistry} knows, one row each, in the registry's
 * order (by kind, then id), with the columns of {@code dhad plugins} and the description as a column
 * and a tooltip. Conflicting ids are named below the table.
 * <p>
 * The registry follows the OSGi service registry but sends no events, so the part asks it again every
 * {@value #POLL_MS} ms on the UI thread and redraws only when the answer changed.
 */
public final class PluginsPart {

    /** How often the registry is asked again, in milliseconds. */
    static final int POLL_MS = 2000;

    private final PluginRegistry registry;
    private final PluginInstaller installer;
    private final UserDialogs dialogs;
    private final Runnable poll = this::poll;
    private PluginInstallBar installBar;
    private TableViewer viewer;
    private Label status;
    private List<PluginDescriptor> shownPlugins = List.of();
    private List<PluginConflict> shownConflicts = List.of();

    /** Both plugin services come from the OSGi service registry through the Eclipse service context. */
    @Inject
    public PluginsPart(PluginRegistry registry, PluginInstaller installer, UserDialogs dialogs) {
        this.registry = registry;
        this.installer = installer;
        this.dialogs = dialogs;
    }

    @PostConstruct
    void createControls(Composite parent) {
        GridLayoutFactory.fillDefaults().applyTo(parent);
        installBar = new PluginInstallBar(parent, installer, dialogs);
        Composite tableHolder = new Composite(parent, SWT.NONE);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(tableHolder);
        TableColumnLayout columns = new TableColumnLayout();
        tableHolder.setLayout(columns);

        viewer = new TableViewer(tableHolder, SWT.BORDER | SWT.FULL_SELECTION | SWT.V_SCROLL | SWT.H_SCROLL);
        viewer.getTable().setHeaderVisible(true);
        viewer.getTable().setLinesVisible(true);
        viewer.setContentProvider(ArrayContentProvider.getInstance());
        ColumnViewerToolTipSupport.enableFor(viewer);
        column(columns, "Kind", 7, p -> p.kind().label());
        column(columns, "Id", 14, PluginDescriptor::id);
        column(columns, "Name", 18, PluginDescriptor::name);
        column(columns, "Bundle", 20, PluginDescriptor::bundle);
        column(columns, "Version", 15, PluginDescriptor::bundleVersion);
        column(columns, "Description", 40, PluginDescriptor::description);

        status = new Label(parent, SWT.WRAP);
        GridDataFactory.fillDefaults().grab(true, false).indent(4, 2).applyTo(status);

        refresh();
        parent.getDisplay().timerExec(POLL_MS, poll);
    }

    /** Install and remove, for the tests and the bar's buttons. */
    PluginInstallBar installBar() {
        return installBar;
    }

    @Focus
    void setFocus() {
        viewer.getTable().setFocus();
    }

    @PreDestroy
    void dispose() {
        if (viewer != null && !viewer.getTable().isDisposed()) {
            viewer.getTable().getDisplay().timerExec(-1, poll);
        }
    }

    /**
     * Asks the registry and shows its answer if it differs from what is shown. Runs on the UI thread.
     *
     * @return whether the table changed
     */
    boolean refresh() {
        List<PluginDescriptor> plugins = registry.list();
        List<PluginConflict> conflicts = registry.conflicts();
        if (plugins.equals(shownPlugins) && conflicts.equals(shownConflicts) && viewer.getInput() != null) {
            return false;
        }
        shownPlugins = plugins;
        shownConflicts = conflicts;
        viewer.setInput(plugins);
        long bundles = plugins.stream().map(PluginDescriptor::bundle).distinct().count();
        StringBuilder text = new StringBuilder(plugins.size() + " plugins from " + bundles + " bundles");
        conflicts.forEach(c -> text.append(System.lineSeparator()).append("Conflict: ").append(c.message()));
        status.setText(text.toString());
        status.setForeground(conflicts.isEmpty() ? null : status.getDisplay().getSystemColor(SWT.COLOR_DARK_RED));
        status.getParent().layout(true);
        return true;
    }

    private void poll() {
        if (viewer.getTable().isDisposed()) {
            return;
        }
        refresh();
        Display.getCurrent().timerExec(POLL_MS, poll);
    }

    private void column(TableColumnLayout layout, String title, int weight, Function<PluginDescriptor, String> text) {
        TableViewerColumn column = new TableViewerColumn(viewer, SWT.LEFT);
        column.getColumn().setText(title);
        column.getColumn().setMoveable(true);
        column.setLabelProvider(new ColumnLabelProvider() {
            @Override
            public String getText(Object element) {
                return text.apply((PluginDescriptor) element);
            }

            @Override
            public String getToolTipText(Object element) {
                return ((PluginDescriptor) element).description();
            }
        });
        layout.setColumnData(column.getColumn(), new ColumnWeightData(weight, 60));
    }
}

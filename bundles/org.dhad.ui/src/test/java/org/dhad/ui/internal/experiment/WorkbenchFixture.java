package org.dhad.ui.internal.experiment;

import java.nio.file.Path;

import org.dhad.ui.internal.WorkspaceFolders;
import org.eclipse.e4.core.contexts.EclipseContextFactory;
import org.eclipse.e4.core.contexts.IEclipseContext;
import org.eclipse.e4.ui.di.UISynchronize;
import org.eclipse.swt.widgets.Display;
import org.osgi.framework.FrameworkUtil;

/**
 * The workbench a workflow test drives: the display, the workspace property pointing at {@code workspace}, a
 * context with {@link UISynchronize} and a {@link PartHarness} over Application.e4xmi. Closing disposes the parts
 * and the context and puts the workspace property back.
 */
public final class WorkbenchFixture implements AutoCloseable {

    public final Display display;
    public final IEclipseContext context;
    public final PartHarness harness;
    private final String previousWorkspace;

    public WorkbenchFixture(String name, Path workspace) throws Exception {
        display = UiTestSupport.display();
        previousWorkspace = System.setProperty(WorkspaceFolders.PROPERTY, workspace.toString());
        context = EclipseContextFactory.getServiceContext(FrameworkUtil.getBundle(WorkbenchFixture.class)
                .getBundleContext()).createChild(name);
        context.set(UISynchronize.class, UiTestSupport.sync(display));
        harness = new PartHarness(display, context);
    }

    @Override
    public void close() {
        harness.dispose();
        context.dispose();
        if (previousWorkspace == null) {
            System.clearProperty(WorkspaceFolders.PROPERTY);
        } else {
            System.setProperty(WorkspaceFolders.PROPERTY, previousWorkspace);
        }
    }
}

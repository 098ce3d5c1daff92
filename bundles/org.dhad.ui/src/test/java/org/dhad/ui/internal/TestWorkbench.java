package org.dhad.ui.internal;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.Map;

import org.dhad.ui.internal.experiment.UiTestSupport;
import org.eclipse.e4.core.contexts.IEclipseContext;
import org.eclipse.e4.ui.model.application.MApplication;
import org.eclipse.e4.ui.model.application.ui.basic.MWindow;
import org.eclipse.e4.ui.workbench.IPresentationEngine;
import org.eclipse.e4.ui.workbench.IResourceUtilities;
import org.eclipse.equinox.app.IApplicationContext;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;

/**
 * The workbench the product runs: E4Application (an internal class, reached through its bundle) makes the
 * E4Workbench from Application.e4xmi with the product's arguments; the presentation engine renders its
 * window. Closing shuts it down as the product does, with APP_SHUTDOWN_STARTED.
 */
record TestWorkbench(Display display, Object workbench, MWindow window, String previousWorkspace)
        implements AutoCloseable {

    /** Starts the workbench on {@code workspace} (the workspace property, put back on closing). */
    static TestWorkbench start(Display display, Path workspace) throws Exception {
        String previousWorkspace = System.setProperty(WorkspaceFolders.PROPERTY, workspace.toString());
        Bundle swt = bundle("org.eclipse.e4.ui.workbench.swt");
        Class<?> type = swt.loadClass("org.eclipse.e4.ui.internal.workbench.swt.E4Application");
        Object application = type.getConstructor().newInstance();
        Object workbench = type.getMethod("createE4Workbench", IApplicationContext.class, Display.class)
                .invoke(application, context(), display);
        workbench.getClass().getMethod("instantiateRenderer").invoke(workbench);
        MApplication app = (MApplication) workbench.getClass().getMethod("getApplication").invoke(workbench);
        IEclipseContext context = (IEclipseContext) workbench.getClass().getMethod("getContext").invoke(workbench);
        MWindow window = app.getChildren().get(0);
        IPresentationEngine engine = (IPresentationEngine) context.get(IPresentationEngine.class.getName());
        assertNotNull(engine, "the presentation engine of the workbench");
        // what PartRenderingEngine.run does before it renders the windows and enters its event loop, which
        // the test cannot enter: styling and the renderers' resource look-up (icons)
        swt.loadClass("org.eclipse.e4.ui.internal.workbench.swt.PartRenderingEngine")
                .getMethod("initializeStyling", Display.class, IEclipseContext.class).invoke(null, display, context);
        context.set(IResourceUtilities.class.getName(), swt.loadClass(
                "org.eclipse.e4.ui.internal.workbench.swt.ResourceUtility").getConstructor().newInstance());
        engine.createGui(window);
        TestWorkbench started = new TestWorkbench(display, workbench, window, previousWorkspace);
        UiTestSupport.spin(display, 300);
        return started;
    }

    MApplication app() {
        return (MApplication) (Object) window.getParent();
    }

    Shell shell() {
        assertTrue(window.getWidget() instanceof Shell,
                "the main window is rendered as a shell: " + window.getWidget());
        return (Shell) window.getWidget();
    }

    @Override
    public void close() throws Exception {
        workbench.getClass().getMethod("close").invoke(workbench);
        UiTestSupport.spin(display, 100);
        if (previousWorkspace == null) {
            System.clearProperty(WorkspaceFolders.PROPERTY);
        } else {
            System.setProperty(WorkspaceFolders.PROPERTY, previousWorkspace);
        }
    }

    /** The product's arguments (plugin.xml): the model, and always starting from it. */
    private static IApplicationContext context() {
        String[] args = { "-applicationXMI", "org.dhad.ui/Application.e4xmi", "-clearPersistedState",
                "-persistState", "false" };
        Map<String, Object> arguments = Map.of(IApplicationContext.APPLICATION_ARGS, args);
        return (IApplicationContext) Proxy.newProxyInstance(IApplicationContext.class.getClassLoader(),
                new Class<?>[] { IApplicationContext.class }, (proxy, method, a) -> switch (method.getName()) {
                    case "getArguments" -> arguments;
                    case "getBrandingProperty" -> "applicationXMI".equals(a[0]) ? args[1]
                            : "clearPersistedState".equals(a[0]) ? "true" : null;
                    case "getBrandingBundle" -> FrameworkUtil.getBundle(TestWorkbench.class);
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == a[0];
                    case "toString" -> "the product's application context";
                    default -> null;
                });
    }

    private static Bundle bundle(String name) {
        for (Bundle b : FrameworkUtil.getBundle(TestWorkbench.class).getBundleContext().getBundles()) {
            if (b.getSymbolicName().equals(name)) {
                return b;
            }
        }
        throw new IllegalStateException("No bundle " + name
                + " in the test runtime (see the pom's extraRequirements)");
    }
}

package org.dhad.ui.results.internal;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import org.dhad.ui.results.ResultsParts;
import org.dhad.ui.results.UserDialogs;
import org.eclipse.e4.core.contexts.ContextInjectionFactory;
import org.eclipse.e4.core.contexts.EclipseContextFactory;
import org.eclipse.e4.core.contexts.IEclipseContext;
import org.eclipse.e4.ui.model.application.ui.basic.MBasicFactory;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.osgi.framework.FrameworkUtil;

/** Display, event loop, part hosting and pixel counting shared by the results view tests. */
final class UiTestSupport {

    private UiTestSupport() {
    }

    /** The display, or a skipped test when there is no X server. */
    static Display display() {
        String x = System.getenv("DISPLAY");
        assumeTrue(x != null && !x.isBlank(),
                "No X display (DISPLAY is unset): skipping the results view test; run the build under xvfb-run -a");
        return Display.getDefault();
    }

    /**
     * A part hosted as the workbench does: injected from the OSGi service context with its MPart and parent, and
     * scripted dialogs in place of the workbench's.
     */
    record Hosted<T>(T part, Shell shell, IEclipseContext context, ScriptedDialogs dialogs) implements AutoCloseable {
        @Override
        public void close() {
            context.dispose();
            shell.dispose();
        }
    }

    static <T> Hosted<T> host(Display display, Class<T> type, String runDirs) {
        Shell shell = new Shell(display);
        shell.setLayout(new FillLayout());
        shell.setSize(1300, 900);
        IEclipseContext context = EclipseContextFactory.getServiceContext(FrameworkUtil.getBundle(UiTestSupport.class)
                .getBundleContext()).createChild(type.getSimpleName());
        MPart model = MBasicFactory.INSTANCE.createPart();
        model.getPersistedState().put(ResultsParts.RUN_DIRS, runDirs);
        context.set(MPart.class, model);
        ScriptedDialogs dialogs = new ScriptedDialogs();
        context.set(UserDialogs.class, dialogs);
        context.set(Composite.class, new Composite(shell, SWT.NONE));
        ((Composite) context.get(Composite.class)).setLayout(new FillLayout());
        T part = ContextInjectionFactory.make(type, context);
        shell.open();
        return new Hosted<>(part, shell, context, dialogs);
    }

    /** Runs the event loop until the condition holds; fails naming what it waited for and the state. */
    static void await(Display display, BooleanSupplier condition, long timeoutMs, String what, Supplier<String> state)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out after " + timeoutMs + " ms waiting for " + what + "; "
                        + state.get());
            }
            spin(display, 10);
        }
    }

    static void spin(Display display, long millis) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        do {
            while (display.readAndDispatch()) {
                // drain pending events
            }
            Thread.sleep(2);
        } while (System.nanoTime() < end);
    }

    /** Every control below {@code root} of {@code type}, depth first. */
    static <T extends Control> List<T> find(Control root, Class<T> type) {
        List<T> found = new ArrayList<>();
        collect(root, type, found);
        return found;
    }

    private static <T extends Control> void collect(Control control, Class<T> type, List<T> found) {
        if (type.isInstance(control)) {
            found.add(type.cast(control));
        }
        if (control instanceof Composite composite) {
            for (Control child : composite.getChildren()) {
                collect(child, type, found);
            }
        }
    }

    /** Pixels of {@code data} equal to {@code rgb} ({@code 0xRRGGBB}), whatever the image's depth and masks. */
    static int count(ImageData data, int rgb) {
        int n = 0;
        for (int y = 0; y < data.height; y++) {
            for (int x = 0; x < data.width; x++) {
                if (rgb(data, x, y) == rgb) {
                    n++;
                }
            }
        }
        return n;
    }

    static int rgb(ImageData data, int x, int y) {
        RGB c = data.palette.getRGB(data.getPixel(x, y));
        return c.red << 16 | c.green << 8 | c.blue;
    }
}

package org.dhad.ui.internal.experiment;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import org.dhad.api.ProviderKind;
import org.dhad.api.registry.PluginRegistry;
import org.dhad.engine.TrainingService;
import org.dhad.model.ExperimentDocument;
import org.dhad.model.ExperimentModel;
import org.dhad.model.ModelException;
import org.dhad.model.PluginSlot;
import org.eclipse.e4.ui.di.UISynchronize;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

/** Display, event loop, service and widget look-ups shared by the workbench UI tests. */
public final class UiTestSupport {

    private UiTestSupport() {
    }

    /** The display, or a skipped test when there is no X server. */
    public static Display display() {
        String x = System.getenv("DISPLAY");
        assumeTrue(x != null && !x.isBlank(),
                "No X display (DISPLAY is unset): skipping the workbench UI test; run the build under xvfb-run -a");
        return Display.getDefault();
    }

    public static <T> T service(Class<T> type, long timeoutMs) throws InterruptedException {
        BundleContext context = FrameworkUtil.getBundle(UiTestSupport.class).getBundleContext();
        ServiceTracker<T, T> tracker = new ServiceTracker<>(context, type, null);
        tracker.open();
        T service = tracker.waitForService(timeoutMs);
        assertNotNull(service, type.getSimpleName() + " service not registered within " + timeoutMs + " ms");
        return service;
    }

    /**
     * The demo preset shrunk to train in seconds: one category ({@code fabric}), 32-pixel images, {@code trainCount}
     * training and 2 + 2 test images; returned once the model, the training service and the loss and metric
     * providers are there.
     */
    public static ExperimentDocument tinyDemo(Display display, int trainCount, long timeoutMs)
            throws InterruptedException, ModelException {
        ExperimentModel model = service(ExperimentModel.class, timeoutMs);
        PluginRegistry registry = service(PluginRegistry.class, timeoutMs);
        service(TrainingService.class, timeoutMs);
        await(display, () -> !registry.list(ProviderKind.METRIC).isEmpty()
                && !registry.list(ProviderKind.LOSS_TERM).isEmpty(), timeoutMs, "loss and metric providers",
                () -> "registry lists " + registry.list());
        ExperimentDocument preset = model.preset("demo");
        preset.setSetting(PluginSlot.DATASET, "categories", "fabric");
        preset.setSetting(PluginSlot.DATASET, "image-size", "32");
        preset.setSetting(PluginSlot.DATASET, "train-count", Integer.toString(trainCount));
        preset.setSetting(PluginSlot.DATASET, "test-good-count", "2");
        preset.setSetting(PluginSlot.DATASET, "test-defect-count", "2");
        return preset;
    }

    /** Runs the event loop until the condition holds; fails naming what it waited for and the state. */
    public static void await(Display display, BooleanSupplier condition, long timeoutMs, String what, Supplier<String> state)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out after " + timeoutMs + " ms waiting for " + what + "; " + state.get());
            }
            spin(display, 20);
        }
    }

    public static void spin(Display display, long millis) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        do {
            while (display.readAndDispatch()) {
                // drain pending events
            }
            Thread.sleep(5);
        } while (System.nanoTime() < end);
    }

    /** Every control below {@code root} of {@code type}, depth first. */
    public static <T extends Control> List<T> find(Control root, Class<T> type) {
        List<T> found = new ArrayList<>();
        collect(root, type, found);
        return found;
    }

    /** The control whose field path ({@link FormRows#FIELD}) is {@code field}. */
    public static <T extends Control> T field(Control root, Class<T> type, String field) {
        T control = find(root, type).stream().filter(c -> field.equals(c.getData(FormRows.FIELD))).findFirst()
                .orElse(null);
        assertNotNull(control, "no " + type.getSimpleName() + " for field '" + field + "' in the form");
        return control;
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

    /** UISynchronize over a plain display, as the workbench provides it. */
    public static UISynchronize sync(Display display) {
        return new UISynchronize() {
            @Override
            public void syncExec(Runnable runnable) {
                display.syncExec(runnable);
            }

            @Override
            public void asyncExec(Runnable runnable) {
                display.asyncExec(runnable);
            }

            @Override
            protected boolean isUIThread(Thread thread) {
                return display.getThread() == thread;
            }

            @Override
            protected void showBusyWhile(Runnable runnable) {
                runnable.run();
            }

            @Override
            protected boolean dispatchEvents() {
                return display.readAndDispatch();
            }
        };
    }
}

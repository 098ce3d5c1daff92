package org.dhad.cli.internal;

import java.io.PrintWriter;
import java.util.concurrent.TimeUnit;

import org.eclipse.equinox.app.IApplication;
import org.eclipse.equinox.app.IApplicationContext;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

/**
 * The Equinox application behind {@code ./dhad}. Applications are created by the extension registry,
 * not by DS, so this is the one place that waits for a DS service through a tracker; everything
 * after that is injected.
 */
public final class DhadApplication implements IApplication {

    private static final long SERVICE_TIMEOUT_S = 60;

    @Override
    public Object start(IApplicationContext context) throws Exception {
        String[] args = (String[]) context.getArguments().get(IApplicationContext.APPLICATION_ARGS);
        context.applicationRunning();
        BundleContext bundleContext = FrameworkUtil.getBundle(DhadApplication.class).getBundleContext();
        ServiceTracker<CommandLine, CommandLine> tracker = new ServiceTracker<>(bundleContext, CommandLine.class,
                null);
        tracker.open();
        try {
            CommandLine commandLine = tracker.waitForService(TimeUnit.SECONDS.toMillis(SERVICE_TIMEOUT_S));
            PrintWriter out = new PrintWriter(System.out, true);
            PrintWriter err = new PrintWriter(System.err, true);
            if (commandLine == null) {
                err.println("dhad: the command-line service did not start within " + SERVICE_TIMEOUT_S
                        + " s; run with -consoleLog to see why (a plugin bundle may fail to resolve)");
                return exit(1);
            }
            return exit(commandLine.run(args == null ? new String[0] : args, out, err));
        } finally {
            tracker.close();
        }
    }

    /** The launcher reads the process exit code from this property once the application returns. */
    private static Integer exit(int code) {
        System.setProperty("eclipse.exitcode", Integer.toString(code));
        return code;
    }

    @Override
    public void stop() {
        // Commands end with the process; nothing to release here.
    }
}

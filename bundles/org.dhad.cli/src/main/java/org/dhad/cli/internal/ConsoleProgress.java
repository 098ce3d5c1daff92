package org.dhad.cli.internal;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import org.dhad.engine.EpochReport;
import org.dhad.engine.RunListener;
import org.dhad.engine.StepReport;

/**
 * Draws training and prediction progress on the terminal (a redrawn bar on a console, a line every 10 s and at
 * the end otherwise) and turns Ctrl-C into a cancellation, so that training writes a checkpoint before the
 * process ends.
 */
final class ConsoleProgress implements RunListener, AutoCloseable {

    private static final int BAR_WIDTH = 24;
    private static final long SHUTDOWN_WAIT_S = 120;

    private final PrintWriter err;
    private final boolean console = System.console() != null;
    private final AtomicBoolean canceled = new AtomicBoolean();
    private final CountDownLatch finished = new CountDownLatch(1);
    private final Thread shutdownHook;
    private final String interrupted;
    private long lastLine;

    ConsoleProgress(PrintWriter err) {
        this(err, "Interrupted: writing a checkpoint; resume with dhad resume RUN_DIR");
    }

    /** @param interrupted what Ctrl-C prints before the work stops */
    ConsoleProgress(PrintWriter err, String interrupted) {
        this.err = err;
        this.interrupted = interrupted;
        shutdownHook = new Thread(this::cancelAndWait, "dhad-interrupt");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    private void cancelAndWait() {
        canceled.set(true);
        err.println();
        err.println(interrupted);
        err.flush();
        try {
            finished.await(SHUTDOWN_WAIT_S, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isCanceled() {
        return canceled.get();
    }

    @Override
    public void onStep(StepReport r) {
        long now = System.currentTimeMillis();
        boolean last = r.step() == r.stepsPerEpoch();
        if (!console && !last && now - lastLine < 10_000) {
            return;
        }
        lastLine = now;
        double done = (double) r.globalStep() / Math.max(1, r.totalSteps());
        int filled = (int) Math.round(done * BAR_WIDTH);
        String terms = r.terms().entrySet().stream()
                .map(e -> e.getKey() + " " + format(e.getValue())).collect(Collectors.joining(", "));
        String line = String.format(Locale.ROOT, "epoch %d/%d step %d/%d [%s%s] loss %s (%s) lr %.2e %.1f img/s ETA %s",
                r.epoch(), r.epochs(), r.step(), r.stepsPerEpoch(), "=".repeat(filled), " ".repeat(BAR_WIDTH - filled),
                format(r.total()), terms, r.learningRate(), r.imagesPerSecond(), eta(r.eta()));
        if (console) {
            err.print("\r" + line + "\u001b[K");
        } else {
            err.println(line);
        }
        err.flush();
    }

    @Override
    public void onImagesScored(int done, int total, Duration eta) {
        long now = System.currentTimeMillis();
        boolean last = done == total;
        if (!console && !last && now - lastLine < 10_000) {
            return;
        }
        lastLine = now;
        int filled = (int) Math.round((double) done / Math.max(1, total) * BAR_WIDTH);
        String line = String.format(Locale.ROOT, "images %d/%d [%s%s] ETA %s", done, total, "=".repeat(filled),
                " ".repeat(BAR_WIDTH - filled), eta(eta));
        if (console) {
            err.print("\r" + line + "\u001b[K" + (last ? "\n" : ""));
        } else {
            err.println(line);
        }
        err.flush();
    }

    @Override
    public void onEpochEnd(EpochReport r) {
        if (console) {
            err.println();
        }
        err.println(String.format(Locale.ROOT, "epoch %d/%d done: mean loss %s, checkpoint %s%s", r.epoch(), r.epochs(),
                format(r.meanLoss()), r.checkpoint().getFileName(),
                r.skippedSamples() > 0 ? ", " + r.skippedSamples() + " unreadable samples skipped" : ""));
        err.flush();
    }

    @Override
    public void onMessage(String message) {
        if (console) {
            err.print("\r\u001b[K");
        }
        err.println(message);
        err.flush();
    }

    private static String format(double value) {
        return String.format(Locale.ROOT, "%.4f", value);
    }

    private static String eta(Duration eta) {
        long s = eta.toSeconds();
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }

    @Override
    public void close() {
        finished.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // already shutting down: the hook is running and waits for the latch released above
        }
    }
}

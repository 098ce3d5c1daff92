package org.dhad.ui.internal.run;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.dhad.engine.StepReport;

/**
 * What one run started in the workbench has reported so far: the last step (epoch, step, learning rate,
 * throughput, ETA), the messages, the run folder (known from the first message on) and how it ended. The
 * training job posts into it through {@code UISynchronize}; it is read and written on the UI thread only, and
 * tells its observers after every change. The charts are drawn from the run folder's files, not from here.
 */
public final class RunSession {

    private final String name;
    private final List<String> messages = new ArrayList<>();
    private final List<Runnable> observers = new ArrayList<>();
    private StepReport lastStep;
    private String state = "Starting";
    private boolean finished;
    private boolean evaluating;
    private int categoriesScored;
    private Path runDir;
    private Runnable cancel = () -> {
    };

    /** A session for experiment {@code name}. */
    public RunSession(String name) {
        this.name = name;
    }

    public String name() {
        return name;
    }

    void addStep(StepReport step) {
        lastStep = step;
        state = "Training";
        changed();
    }

    void message(String text) {
        messages.add(text);
        changed();
    }

    void state(String text, boolean done) {
        state = text;
        finished |= done;
        changed();
    }

    void evaluating() {
        evaluating = true;
        state("Evaluating", false);
    }

    void categoryScored() {
        categoriesScored++;
        changed();
    }

    void runDir(Path folder) {
        runDir = folder.toAbsolutePath().normalize();
        changed();
    }

    void cancelWith(Runnable action) {
        cancel = action;
    }

    /** Asks the job to stop; training writes a checkpoint first. */
    public void cancel() {
        cancel.run();
    }

    /** The last step reported, or {@code null} before the first. */
    public StepReport lastStep() {
        return lastStep;
    }

    public List<String> messages() {
        return messages;
    }

    /** Starting, Training, Evaluating, Finished, Canceled or the failure. */
    public String state() {
        return state;
    }

    /** Whether the job has ended, however. */
    public boolean finished() {
        return finished;
    }

    /** The run folder, once training has created it; {@code null} before. */
    public Path runDir() {
        return runDir;
    }

    /** One line for the status bar: the run's name, where it is and how far, in percent. */
    public String progressLine() {
        if (evaluating) {
            return name + ": evaluating, " + categoriesScored + (categoriesScored == 1 ? " category" : " categories")
                    + " scored";
        }
        if (lastStep == null) {
            return name + ": " + state.toLowerCase(Locale.ROOT);
        }
        return String.format(Locale.ROOT, "%s: epoch %d/%d, step %d/%d, %d%%", name, lastStep.epoch(),
                lastStep.epochs(), lastStep.step(), lastStep.stepsPerEpoch(),
                Math.round(100.0 * lastStep.globalStep() / Math.max(1, lastStep.totalSteps())));
    }

    void observe(Runnable observer) {
        observers.add(observer);
    }

    void forget(Runnable observer) {
        observers.remove(observer);
    }

    private void changed() {
        List.copyOf(observers).forEach(Runnable::run);
    }
}

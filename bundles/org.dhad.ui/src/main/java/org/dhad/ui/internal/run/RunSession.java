package org.dhad.ui.internal.run;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.dhad.engine.EvaluationReport;
import org.dhad.engine.StepReport;

/**
 * What one run has reported so far: the loss of each term and the total per step, the last step
 * (learning rate, throughput, ETA), the messages, the run folder and finally the evaluation report.
 * The training job posts into it through {@code UISynchronize}; it is read and written on the UI thread
 * only, and tells its observers after every change.
 */
public final class RunSession {

    /** The series name of the weighted total loss. */
    public static final String TOTAL = "total";

    private final String name;
    private final Map<String, List<double[]>> series = new LinkedHashMap<>();
    private final List<String> messages = new ArrayList<>();
    private final List<Runnable> observers = new ArrayList<>();
    private StepReport lastStep;
    private String state = "Starting";
    private boolean finished;
    private Path runDir;
    private EvaluationReport report;
    private Runnable cancel = () -> {
    };

    /** A session for experiment {@code name} whose loss terms are {@code terms} (chart series order). */
    public RunSession(String name, Collection<String> terms) {
        this.name = name;
        terms.forEach(t -> series.put(t, new ArrayList<>()));
        series.put(TOTAL, new ArrayList<>());
    }

    public String name() {
        return name;
    }

    void addStep(StepReport step) {
        lastStep = step;
        step.terms().forEach((term, value) -> series.computeIfAbsent(term, t -> new ArrayList<>())
                .add(new double[] { step.globalStep(), value }));
        series.get(TOTAL).add(new double[] { step.globalStep(), step.total() });
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

    void runDir(Path folder) {
        runDir = folder;
        changed();
    }

    void report(EvaluationReport evaluation) {
        report = evaluation;
        changed();
    }

    void cancelWith(Runnable action) {
        cancel = action;
    }

    /** Asks the job to stop; training writes a checkpoint first. */
    public void cancel() {
        cancel.run();
    }

    /** Loss series by name (terms in experiment order, then {@link #TOTAL}); points are {step, value}. */
    public Map<String, List<double[]>> series() {
        return series;
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

    /** The run folder, once training has returned; {@code null} before. */
    public Path runDir() {
        return runDir;
    }

    /** The evaluation, once done; {@code null} before or when it did not happen. */
    public EvaluationReport report() {
        return report;
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

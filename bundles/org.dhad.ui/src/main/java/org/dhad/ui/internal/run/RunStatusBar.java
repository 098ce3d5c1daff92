package org.dhad.ui.internal.run;

import java.util.Arrays;
import java.util.List;

import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Link;

import jakarta.annotation.PostConstruct;

/**
 * The status bar (a ToolControl in the window's bottom trim): one entry per training job of this workbench
 * that is running or waiting, with its name, epoch and step and percent done (or evaluation progress), and a
 * Cancel link that stops it after the current step with a checkpoint. The label has a fixed width so that the
 * bar does not jump as the numbers change. Updated every {@value #UPDATE_MS} ms
 * from the job manager, which also throttles the text of fast runs.
 */
public final class RunStatusBar {

    static final int UPDATE_MS = 500;
    private static final String IDLE = "No runs in progress";

    private Composite bar;
    /** The jobs the bar has entries for; {@code null} before the first update. */
    private List<TrainingJob> shown;
    private final Runnable update = this::update;

    @PostConstruct
    void createControls(Composite parent) {
        bar = new Composite(parent, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(1).margins(6, 1).applyTo(bar);
        update();
    }

    /** The lines shown now, one per job (the idle text when none). */
    public List<String> lines() {
        return Arrays.stream(bar.getChildren()).filter(Label.class::isInstance).map(c -> ((Label) c).getText())
                .toList();
    }

    /** Cancels the job of line {@code index} as its Cancel link does. */
    public void cancel(int index) {
        shown.get(index).session().cancel();
    }

    /** Reads the jobs again now (the timer does every {@value #UPDATE_MS} ms). */
    public void update() {
        if (bar.isDisposed()) {
            return;
        }
        bar.getDisplay().timerExec(-1, update);
        List<TrainingJob> jobs = Arrays.stream(Job.getJobManager().find(TrainingJob.FAMILY))
                .map(TrainingJob.class::cast).filter(j -> !j.session().finished()).toList();
        if (!jobs.equals(shown)) {
            rebuild(jobs);
        }
        Control[] children = bar.getChildren();
        for (int i = 0; i < jobs.size(); i++) {
            Label label = (Label) children[2 * i];
            String text = jobs.get(i).session().progressLine();
            if (!text.equals(label.getText())) {
                label.setText(text);
            }
        }
        bar.getDisplay().timerExec(UPDATE_MS, update);
    }

    private void rebuild(List<TrainingJob> jobs) {
        for (Control child : bar.getChildren()) {
            child.dispose();
        }
        shown = List.copyOf(jobs);
        GridLayoutFactory.fillDefaults().numColumns(Math.max(1, 2 * jobs.size())).margins(6, 1).spacing(6, 0)
                .applyTo(bar);
        if (jobs.isEmpty()) {
            Label idle = new Label(bar, SWT.NONE);
            idle.setText(IDLE);
        }
        for (TrainingJob job : jobs) {
            Label label = new Label(bar, SWT.NONE);
            label.setText(job.session().progressLine());
            GridDataFactory.swtDefaults().hint(360, SWT.DEFAULT).applyTo(label);
            // A link, not a button: the bar keeps the height of one line of text.
            Link cancel = new Link(bar, SWT.NONE);
            cancel.setText("<a>Cancel</a>");
            cancel.setToolTipText("Stop '" + job.session().name() + "' after the current step; a checkpoint is written");
            cancel.addListener(SWT.Selection, e -> job.session().cancel());
        }
        // The window's trim layout sizes the bar: lay out the shell, not only the bar.
        bar.getShell().layout(true, true);
    }
}

package org.dhad.ui.internal.run;

import java.time.Duration;
import java.util.Locale;

import org.dhad.engine.StepReport;
import org.eclipse.e4.ui.di.Focus;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;

/**
 * One training run: progress (epoch, step, learning rate, images/s, ETA) and a Cancel button, the live
 * loss chart, the messages, and the results once evaluation is done. Shows the {@link RunSession} held
 * in the part's transient data under {@link #SESSION_KEY} and follows it as the job reports.
 */
public final class RunPart {

    /** The part descriptor in Application.e4xmi. */
    public static final String DESCRIPTOR_ID = "org.dhad.ui.partdescriptor.run";
    /** Transient-data key of the {@link RunSession}. */
    public static final String SESSION_KEY = "org.dhad.ui.run.session";

    private final MPart part;
    private final Runnable refresh = this::refresh;
    private RunSession session;
    private Label state;
    private Label progress;
    private Button cancel;
    private LossChart chart;
    private org.eclipse.swt.widgets.List messages;
    private ResultsPanel results;

    @Inject
    public RunPart(MPart part) {
        this.part = part;
    }

    @PostConstruct
    void createControls(Composite parent) {
        session = (RunSession) part.getTransientData().get(SESSION_KEY);
        if (session == null) {
            throw new IllegalStateException("Part " + part.getElementId() + " has no run under transient key "
                    + SESSION_KEY);
        }
        part.setLabel("Run " + session.name());
        GridLayoutFactory.fillDefaults().applyTo(parent);
        Composite top = new Composite(parent, SWT.NONE);
        GridLayoutFactory.swtDefaults().numColumns(3).applyTo(top);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(top);
        state = new Label(top, SWT.NONE);
        state.setFont(org.eclipse.jface.resource.JFaceResources.getBannerFont());
        GridDataFactory.fillDefaults().grab(true, false).applyTo(state);
        progress = new Label(top, SWT.NONE);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(progress);
        cancel = new Button(top, SWT.PUSH);
        cancel.setText("Cancel");
        cancel.setToolTipText("Stop training after the current step; a checkpoint is written so the run can resume");
        cancel.addListener(SWT.Selection, e -> session.cancel());

        SashForm vertical = new SashForm(parent, SWT.VERTICAL);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(vertical);
        chart = new LossChart(vertical, session);
        SashForm horizontal = new SashForm(vertical, SWT.HORIZONTAL);
        messages = new org.eclipse.swt.widgets.List(horizontal, SWT.BORDER | SWT.V_SCROLL | SWT.H_SCROLL);
        results = new ResultsPanel(horizontal);
        horizontal.setWeights(35, 65);
        vertical.setWeights(45, 55);
        session.observe(refresh);
        refresh();
    }

    @Focus
    void setFocus() {
        chart.control().setFocus();
    }

    @PreDestroy
    void dispose() {
        if (session != null) {
            session.forget(refresh);
        }
    }

    LossChart chart() {
        return chart;
    }

    ResultsPanel results() {
        return results;
    }

    private void refresh() {
        if (state.isDisposed()) {
            return;
        }
        state.setText(session.state());
        StepReport step = session.lastStep();
        if (step != null) {
            progress.setText(String.format(Locale.ROOT,
                    "epoch %d/%d  step %d/%d  loss %.4f  lr %.2e  %.1f images/s  ETA %s", step.epoch(), step.epochs(),
                    step.step(), step.stepsPerEpoch(), step.total(), step.learningRate(), step.imagesPerSecond(),
                    eta(step.eta())));
        }
        cancel.setEnabled(!session.finished());
        if (messages.getItemCount() != session.messages().size()) {
            for (int i = messages.getItemCount(); i < session.messages().size(); i++) {
                messages.add(session.messages().get(i));
            }
            messages.setTopIndex(messages.getItemCount() - 1);
        }
        results.show(session.report());
        state.getParent().layout(true);
        chart.redraw();
    }

    private static String eta(Duration eta) {
        if (eta == null) {
            return "-";
        }
        long s = eta.getSeconds();
        return s >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", s / 3600, s % 3600 / 60)
                : String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
    }
}

package org.dhad.ui.internal.run;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.dhad.engine.StepReport;
import org.dhad.report.charts.RunCharts;
import org.dhad.results.ResultsException;
import org.dhad.results.RunFolder;
import org.dhad.results.RunMetrics;
import org.dhad.results.TrainingHistory;
import org.dhad.ui.results.ChartCanvas;
import org.dhad.ui.results.MetricsTable;
import org.eclipse.e4.core.contexts.ContextInjectionFactory;
import org.eclipse.e4.core.contexts.IEclipseContext;
import org.eclipse.e4.ui.di.Focus;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;

/**
 * One training run: state, progress and Cancel; live charts of the loss terms and total, the learning rate and
 * the throughput (JFreeChart through {@link RunCharts}, rebuilt from the run folder's {@code train-log.csv} at
 * most every {@value #POLL_MS} ms while it grows); the run's log; and, once evaluated, the short metrics table
 * and an Open Results button. Shows either a run this workbench started (a {@link RunSession} in the transient
 * data under {@link #SESSION_KEY}) or any run folder (its path in the persisted state under
 * {@link #RUN_DIR_KEY}, e.g. a run the CLI is training), whose charts and log then come from the files only.
 */
public final class RunPart {

    /** The part descriptor in Application.e4xmi. */
    public static final String DESCRIPTOR_ID = "org.dhad.ui.partdescriptor.run";
    /** Transient-data key of the {@link RunSession}. */
    public static final String SESSION_KEY = "org.dhad.ui.run.session";
    /** Persisted-state key of the run folder to follow (absolute path). */
    public static final String RUN_DIR_KEY = "org.dhad.runDir";
    static final int POLL_MS = 1500;

    private final MPart part;
    private final IEclipseContext context;
    private final Runnable refresh = this::refresh;
    private final Runnable poll = this::poll;
    private RunSession session;
    private Path followed;
    private RunFolderWatch watch;
    private TrainingHistory charted;
    private Label state;
    private Label progress;
    private Button openResults;
    private Button cancel;
    private ChartCanvas loss;
    private ChartCanvas learningRate;
    private ChartCanvas throughput;
    private org.eclipse.swt.widgets.List log;
    private MetricsTable metrics;

    @Inject
    public RunPart(MPart part, IEclipseContext context) {
        this.part = part;
        this.context = context;
    }

    @PostConstruct
    void createControls(Composite parent) {
        session = (RunSession) part.getTransientData().get(SESSION_KEY);
        String dir = part.getPersistedState().get(RUN_DIR_KEY);
        if (session == null && dir == null) {
            throw new IllegalStateException("Part " + part.getElementId() + " has neither a run under transient key "
                    + SESSION_KEY + " nor a run folder under persisted key " + RUN_DIR_KEY);
        }
        followed = dir == null ? null : Path.of(dir).toAbsolutePath().normalize();
        part.setLabel("Run " + (session != null ? session.name() : followed.getParent().getFileName() + "/"
                + followed.getFileName()));
        part.setTooltip(session != null ? "Started in this workbench" : followed.toString());
        GridLayoutFactory.fillDefaults().applyTo(parent);
        Composite top = new Composite(parent, SWT.NONE);
        GridLayoutFactory.swtDefaults().numColumns(4).applyTo(top);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(top);
        state = new Label(top, SWT.NONE);
        state.setFont(org.eclipse.jface.resource.JFaceResources.getBannerFont());
        progress = new Label(top, SWT.NONE);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(progress);
        openResults = new Button(top, SWT.PUSH);
        openResults.setText("Open Results");
        openResults.setToolTipText("Metrics, ROC/PR/PRO curves and the scored test images of this run");
        openResults.setEnabled(false);
        openResults.addListener(SWT.Selection, e -> openResults());
        cancel = new Button(top, SWT.PUSH);
        cancel.setText("Cancel");
        cancel.setToolTipText("Stop training after the current step; a checkpoint is written so the run can resume");
        cancel.addListener(SWT.Selection, e -> session.cancel());
        cancel.setVisible(session != null);

        SashForm vertical = new SashForm(parent, SWT.VERTICAL);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(vertical);
        SashForm charts = new SashForm(vertical, SWT.HORIZONTAL);
        loss = new ChartCanvas(charts, SWT.NONE);
        SashForm side = new SashForm(charts, SWT.VERTICAL);
        learningRate = new ChartCanvas(side, SWT.NONE);
        throughput = new ChartCanvas(side, SWT.NONE);
        charts.setWeights(58, 42);
        SashForm bottom = new SashForm(vertical, SWT.HORIZONTAL);
        log = new org.eclipse.swt.widgets.List(bottom, SWT.BORDER | SWT.V_SCROLL | SWT.H_SCROLL);
        metrics = new MetricsTable(bottom, "appear here once the run is evaluated",
                "Metrics in percent; Open Results shows curves and the scored test images");
        bottom.setWeights(55, 45);
        vertical.setWeights(68, 32);
        if (session != null) {
            session.observe(refresh);
            refresh();
        }
        poll();
    }

    @Focus
    void setFocus() {
        log.setFocus();
    }

    @PreDestroy
    void dispose() {
        if (session != null) {
            session.forget(refresh);
        }
    }

    /** The run folder shown; {@code null} while a workbench run has not created it yet. */
    public Path runDir() {
        return session != null ? session.runDir() : followed;
    }

    /** Loss, learning rate and throughput charts. */
    public List<ChartCanvas> charts() {
        return List.of(loss, learningRate, throughput);
    }

    /** Steps of the training log the charts show now. */
    public int chartedSteps() {
        return charted == null ? 0 : charted.size();
    }

    /** The short metrics table; it holds a placeholder row until {@link #evaluated()}. */
    public Table metricsTable() {
        return metrics.table();
    }

    /** Whether the run's metrics are read and shown. */
    public boolean evaluated() {
        return metrics.showsMetrics();
    }

    public Button openResultsButton() {
        return openResults;
    }

    /** Reads the run folder again now (the timer does every {@value #POLL_MS} ms). */
    public void poll() {
        if (log.isDisposed()) {
            return;
        }
        log.getDisplay().timerExec(-1, poll);
        Path dir = runDir();
        if (dir != null) {
            if (watch == null || !watch.dir().equals(dir)) {
                watch = new RunFolderWatch(dir);
            }
            read(watch);
        }
        log.getDisplay().timerExec(POLL_MS, poll);
    }

    private void read(RunFolderWatch files) {
        try {
            TrainingHistory history = files.changedHistory();
            if (history != null) {
                charted = history;
                loss.setChart(RunCharts.trainingLoss(history));
                learningRate.setChart(RunCharts.learningRate(history));
                throughput.setChart(RunCharts.throughput(history));
            }
            RunMetrics evaluated = files.changedMetrics();
            if (evaluated != null) {
                metrics.show(evaluated);
                openResults.setEnabled(true);
            }
            if (session == null && (history != null || evaluated != null || charted == null)) {
                followFiles(files);
            }
        } catch (ResultsException e) {
            progress.setText(e.getMessage()); // e.g. a damaged log line; the next change is read again
        }
    }

    /** For a run another process trains: state, progress and log from the files. */
    private void followFiles(RunFolderWatch files) {
        RunFolder run = files.folder();
        state.setText(run == null ? "Created" : run.state().name().charAt(0) + run.state().name().substring(1)
                .toLowerCase(Locale.ROOT));
        if (charted != null && charted.size() > 0) {
            int last = charted.size() - 1;
            progress.setText(String.format(Locale.ROOT, "epoch %d/%d  step %d  loss %.4f  lr %.2e  %.1f images/s",
                    charted.lastEpoch(), run == null ? 0 : run.configuration().epochs(), charted.globalStep()[last],
                    charted.total()[last], charted.learningRate()[last], charted.imagesPerSecond()[last]));
        }
        List<String> lines = files.fileLog(charted == null ? org.dhad.results.TrainingHistory.empty() : charted);
        if (!lines.equals(Arrays.asList(log.getItems()))) {
            log.setItems(lines.toArray(String[]::new));
            log.setTopIndex(log.getItemCount() - 1);
        }
        state.getParent().layout(true);
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
        if (log.getItemCount() != session.messages().size()) {
            for (int i = log.getItemCount(); i < session.messages().size(); i++) {
                log.add(session.messages().get(i));
            }
            log.setTopIndex(log.getItemCount() - 1);
        }
        if (session.finished() && runDir() != null) {
            read(watch != null && watch.dir().equals(runDir()) ? watch : (watch = new RunFolderWatch(runDir())));
        }
        state.getParent().layout(true);
    }

    private void openResults() {
        Path dir = runDir();
        if (dir != null) {
            ContextInjectionFactory.make(RunViews.class, context).openResults(dir);
        }
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

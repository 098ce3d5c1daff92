package org.dhad.ui.internal.run;

import java.nio.file.Path;
import java.util.List;

import org.dhad.engine.EngineException;
import org.dhad.engine.EpochReport;
import org.dhad.engine.EvaluationReport;
import org.dhad.engine.EvaluationService;
import org.dhad.experiment.ComputeDevice;
import org.dhad.experiment.ExperimentSpec;
import org.dhad.engine.RunListener;
import org.dhad.engine.RunResult;
import org.dhad.engine.StepReport;
import org.dhad.engine.TrainingService;
import org.dhad.model.ExperimentDocument;
import org.dhad.model.ModelException;
import org.dhad.results.RunThresholds;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.OperationCanceledException;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.SubMonitor;
import org.eclipse.core.runtime.jobs.ISchedulingRule;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.e4.ui.di.UISynchronize;

/**
 * Trains an experiment into {@code <runs>/<name>/<timestamp>/} (or resumes a stopped run, or neither) and then
 * evaluates the run, reporting
 * every step, message and the final metrics into a {@link RunSession} on the UI thread. Canceling the
 * job makes the engine's {@link RunListener#isCanceled()} true, so training writes a checkpoint and
 * returns; the job then ends with {@link Status#CANCEL_STATUS}. Several jobs may be started at once, each with
 * its own session and Run part; they train one at a time (see {@link #TRAINING}) and evaluate in parallel.
 */
public final class TrainingJob extends Job {

    /** The family of training jobs, for {@code Job.getJobManager().find(FAMILY)}. */
    public static final Object FAMILY = TrainingJob.class;
    private static final String BUNDLE_ID = "org.dhad.ui";
    /**
     * Held while a job trains: DJL's PyTorch gradient collector is one per process ("only one can be collecting
     * at a time"), so runs train one after the other; evaluation and waiting do not hold it.
     */
    private static final ISchedulingRule TRAINING = new ISchedulingRule() {
        @Override
        public boolean contains(ISchedulingRule rule) {
            return rule == this;
        }

        @Override
        public boolean isConflicting(ISchedulingRule rule) {
            return rule == this;
        }
    };

    /** How a job gets a trained run folder before it evaluates it. */
    @FunctionalInterface
    private interface Training {
        RunResult run(RunListener listener) throws EngineException;
    }

    private final String name;
    private final Training training;
    private final Path existingRun;
    /** Where resume and evaluation run, or null for the device of the run's experiment. */
    private final ComputeDevice device;
    private final EvaluationService evaluation;
    private final ExperimentDocument experiment;
    private final RunSession session;
    private final UISynchronize sync;

    private TrainingJob(String title, String name, Training training, Path existingRun, ComputeDevice device,
            EvaluationService evaluation, ExperimentDocument experiment, RunSession session, UISynchronize sync) {
        super(title);
        this.name = name;
        this.training = training;
        this.existingRun = existingRun;
        this.device = device;
        this.evaluation = evaluation;
        this.experiment = experiment;
        this.session = session;
        this.sync = sync;
        setUser(true);
        session.cancelWith(this::cancel);
    }

    /**
     * Trains {@code spec} into a new folder under {@code runsRoot}, then evaluates it.
     *
     * @param experiment a copy of the document, saved into the run folder as {@code experiment.xmi}
     */
    public static TrainingJob train(TrainingService training, EvaluationService evaluation, ExperimentSpec spec,
            ExperimentDocument experiment, Path runsRoot, RunSession session, UISynchronize sync) {
        return new TrainingJob("Train " + spec.name(), spec.name(), l -> training.train(spec, runsRoot, l), null,
                null, evaluation, experiment, session, sync);
    }

    /**
     * Segmentation pretraining of {@code spec} ({@link TrainingService#pretrain}) into a new folder under
     * {@code runsRoot}; ends with the weights file's path instead of an evaluation.
     */
    public static TrainingJob pretrain(TrainingService training, ExperimentSpec spec, ExperimentDocument experiment,
            Path runsRoot, RunSession session, UISynchronize sync) {
        return new TrainingJob("Pretrain " + spec.name(), spec.name(), l -> training.pretrain(spec, runsRoot, l), null,
                null, null, experiment, session, sync);
    }

    /**
     * Continues the stopped run in {@code runDir} from its last checkpoint, then evaluates it, both on
     * {@code device} (null: the device of the run's experiment).
     */
    public static TrainingJob resume(TrainingService training, EvaluationService evaluation, Path runDir,
            ComputeDevice device, RunSession session, UISynchronize sync) {
        return new TrainingJob("Resume " + session.name(), session.name(), l -> training.resume(runDir, device, l),
                runDir, device, evaluation, null, session, sync);
    }

    /** Evaluates the trained run in {@code runDir} (again) with its last checkpoint, on {@code device} as resume. */
    public static TrainingJob evaluate(EvaluationService evaluation, Path runDir, ComputeDevice device,
            RunSession session, UISynchronize sync) {
        return new TrainingJob("Evaluate " + session.name(), session.name(), null, runDir, device, evaluation, null,
                session, sync);
    }

    /** What the job reports into; read on the UI thread. */
    public RunSession session() {
        return session;
    }

    @Override
    public boolean belongsTo(Object family) {
        return family == FAMILY;
    }

    @Override
    protected IStatus run(IProgressMonitor monitor) {
        SubMonitor progress = SubMonitor.convert(monitor, getName(), 100);
        try {
            RunResult result = null;
            Path runDir = existingRun;
            if (existingRun != null) {
                post(() -> session.runDir(existingRun));
            }
            if (training != null) {
                post(() -> session.state("Waiting for the run before it to finish training", false));
                Job.getJobManager().beginRule(TRAINING, monitor);
                try {
                    post(() -> session.state("Training", false));
                    result = training.run(new Listener(progress.split(80), monitor));
                } finally {
                    Job.getJobManager().endRule(TRAINING);
                }
                RunResult trained = result;
                runDir = trained.runDir();
                post(() -> session.runDir(trained.runDir()));
                if (experiment != null) {
                    saveExperiment(trained.runDir());
                }
                if (trained.canceled()) {
                    post(() -> session.state("Canceled after " + trained.stepsCompleted()
                            + " steps; a checkpoint was written (dhad resume " + trained.runDir() + ")", true));
                    return Status.CANCEL_STATUS;
                }
            }
            if (evaluation == null) { // pretraining: its result is the weights file, not metrics
                Path weights = TrainingService.pretrainedWeights(runDir);
                RunResult trained = result;
                post(() -> {
                    session.message("Pretrained weights " + weights + ": set an experiment's weights field to it");
                    session.state("Pretrained: " + trained.epochsCompleted() + " epochs; weights in " + weights, true);
                });
                return Status.OK_STATUS;
            }
            post(session::evaluating);
            EvaluationReport report = evaluation.evaluate(runDir, List.of(RunThresholds.DEFAULT_GOOD_RATE), device,
                    new Listener(progress.split(20), monitor));
            RunResult trained = result;
            post(() -> session.state(trained == null
                    ? String.format(java.util.Locale.ROOT, "Evaluated: %d test images", report.images())
                    : String.format(java.util.Locale.ROOT, "Finished: %d epochs, %d test images evaluated",
                            trained.epochsCompleted(), report.images()), true));
            return Status.OK_STATUS;
        } catch (OperationCanceledException e) {
            post(() -> session.state("Canceled", true));
            return Status.CANCEL_STATUS;
        } catch (EngineException | RuntimeException e) {
            if (monitor.isCanceled()) {
                // Evaluation stops with an exception when canceled.
                post(() -> session.state("Canceled", true));
                return Status.CANCEL_STATUS;
            }
            String message = getName() + " failed: " + e.getMessage();
            post(() -> {
                session.message(message);
                session.state(message, true);
            });
            return new Status(IStatus.ERROR, BUNDLE_ID, message, e);
        } finally {
            monitor.done();
        }
    }

    private void saveExperiment(Path runDir) {
        try {
            experiment.save(runDir.resolve("experiment.xmi"));
        } catch (ModelException e) {
            post(() -> session.message("Could not save the experiment into the run folder: " + e.getMessage()));
        }
    }

    private void post(Runnable update) {
        sync.asyncExec(update);
    }

    /** Forwards the engine's reports to the session and the progress monitor; cancels through the monitor. */
    private final class Listener implements RunListener {
        private final SubMonitor progress;
        private final IProgressMonitor monitor;
        private boolean sized;
        private volatile boolean canceled;

        Listener(SubMonitor progress, IProgressMonitor monitor) {
            this.progress = progress;
            this.monitor = monitor;
        }

        @Override
        public void onStep(StepReport report) {
            if (!sized) {
                progress.setWorkRemaining((int) Math.min(Integer.MAX_VALUE, report.totalSteps() - report.globalStep() + 1));
                sized = true;
            }
            try {
                progress.split(1);
            } catch (OperationCanceledException e) {
                // Not thrown through the engine: isCanceled() makes it checkpoint and return.
                canceled = true;
            }
            progress.subTask(String.format(java.util.Locale.ROOT, "epoch %d/%d, step %d/%d, loss %.4f",
                    report.epoch(), report.epochs(), report.step(), report.stepsPerEpoch(), report.total()));
            post(() -> session.addStep(report));
        }

        @Override
        public void onEpochEnd(EpochReport report) {
            post(() -> session.message(String.format(java.util.Locale.ROOT,
                    "Epoch %d/%d: mean loss %.4f, checkpoint %s", report.epoch(), report.epochs(), report.meanLoss(),
                    report.checkpoint().getFileName())));
        }

        @Override
        public void onRunFolder(Path runDir) {
            // Known before the first step, so the Run part can chart the run's log while it trains.
            post(() -> session.runDir(runDir));
        }

        @Override
        public void onCategoryScored(String category, int images) {
            post(session::categoryScored);
        }

        @Override
        public void onMessage(String message) {
            post(() -> session.message(message));
        }

        @Override
        public boolean isCanceled() {
            return canceled || monitor.isCanceled();
        }
    }
}

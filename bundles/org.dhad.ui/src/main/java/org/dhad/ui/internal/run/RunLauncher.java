package org.dhad.ui.internal.run;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

import org.dhad.engine.DeviceService;
import org.dhad.engine.EngineException;
import org.dhad.engine.EvaluationService;
import org.dhad.experiment.ComputeDevice;
import org.dhad.experiment.ExperimentJson;
import org.dhad.experiment.ExperimentSpec;
import org.dhad.engine.TrainingService;
import org.dhad.model.ExperimentDocument;
import org.dhad.model.ModelException;
import org.dhad.ui.internal.WorkspaceFolders;
import org.dhad.ui.internal.experiment.ExperimentEditors;
import org.eclipse.e4.core.di.annotations.Creatable;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.ui.di.UISynchronize;
import org.eclipse.e4.ui.model.application.MApplication;
import org.eclipse.e4.ui.workbench.modeling.EModelService;
import org.eclipse.e4.ui.workbench.modeling.EPartService;

import jakarta.inject.Inject;

/**
 * Starts a run of an experiment: checks it, opens a Run part on a new {@link RunSession} and schedules
 * the {@link TrainingJob} that writes into the workspace's runs folder.
 */
@Creatable
public final class RunLauncher {

    /** The navigator's entries that ask for a device before they resume or evaluate a run. */
    public static final String RESUME_ON_DEVICE = "Resume On Device...";
    public static final String EVALUATE_ON_DEVICE = "Evaluate On Device...";

    private final TrainingService training;
    private final EvaluationService evaluation;
    private final DeviceService devices;
    private final UISynchronize sync;
    private final EPartService parts;
    private final EModelService models;
    private final MApplication app;

    @Inject
    public RunLauncher(@Optional TrainingService training, @Optional EvaluationService evaluation,
            @Optional DeviceService devices, UISynchronize sync, EPartService parts, EModelService models,
            MApplication app) {
        this.training = training;
        this.evaluation = evaluation;
        this.devices = devices;
        this.sync = sync;
        this.parts = parts;
        this.models = models;
        this.app = app;
    }

    /**
     * Starts training {@code document} as it is now (saved or not).
     *
     * @return the problems that stop it, with nothing started; empty when the job was scheduled
     */
    public List<String> start(ExperimentDocument document) {
        if (training == null || evaluation == null) {
            return List.of("engine: the training and evaluation services are not available (see the log)");
        }
        ExperimentSpec spec;
        try {
            spec = document.toSpec();
        } catch (ModelException e) {
            return e.problems();
        }
        List<String> problems = training.validate(spec);
        if (!problems.isEmpty()) {
            return problems;
        }
        RunSession session = new RunSession(spec.name());
        TrainingJob job = TrainingJob.train(training, evaluation, spec, document.copy(), WorkspaceFolders.runs(),
                session, sync);
        ExperimentEditors.show(RunPart.DESCRIPTOR_ID, RunPart.SESSION_KEY, session, parts, models, app);
        job.schedule();
        return List.of();
    }

    /**
     * Starts segmentation pretraining of {@code document} as it is now: its network on its segmentation source
     * alone, ending with {@code weights.params} in the run folder.
     *
     * @return the problems that stop it (a missing segmentation source named), with nothing started
     */
    public List<String> pretrain(ExperimentDocument document) {
        if (training == null) {
            return List.of("engine: the training service is not available (see the log)");
        }
        ExperimentSpec spec;
        try {
            spec = document.toSpec();
        } catch (ModelException e) {
            return e.problems();
        }
        if (!spec.hasSegmentation()) {
            return List.of("segmentation: missing; expected a segmentation source of labelled images (the editor's "
                    + "Segmentation source section) to pretrain on");
        }
        ExperimentSpec pretraining = spec.forPretraining();
        List<String> problems = training.validate(pretraining);
        if (!problems.isEmpty()) {
            return problems;
        }
        RunSession session = new RunSession(pretraining.name());
        schedule(TrainingJob.pretrain(training, spec, document.copy(), WorkspaceFolders.runs(), session, sync),
                session);
        return List.of();
    }

    /**
     * Continues a stopped run from its last checkpoint and evaluates it, on {@code device} or, when null, on the
     * device of the run's experiment.
     *
     * @return the problems that stop it (a device libtorch does not see, naming the ones it does), with nothing
     *         started
     */
    public List<String> resume(Path runDir, ComputeDevice device) {
        if (training == null || evaluation == null) {
            return List.of("engine: the training and evaluation services are not available (see the log)");
        }
        return placed(runDir, device, RESUME_ON_DEVICE, "resumes",
                session -> TrainingJob.resume(training, evaluation, runDir, device, session, sync));
    }

    /**
     * Evaluates a trained run (again) with its last checkpoint, on {@code device} or, when null, on the device of
     * the run's experiment.
     *
     * @return the problems that stop it, as {@link #resume}
     */
    public List<String> evaluate(Path runDir, ComputeDevice device) {
        if (evaluation == null) {
            return List.of("engine: the evaluation service is not available (see the log)");
        }
        return placed(runDir, device, EVALUATE_ON_DEVICE, "evaluates",
                session -> TrainingJob.evaluate(evaluation, runDir, device, session, sync));
    }

    /** The devices a job can run on here ({@code cpu} first), or just {@code cpu} without the engine's service. */
    public List<ComputeDevice> devices() {
        return devices == null ? List.of(ComputeDevice.CPU) : devices.available();
    }

    /**
     * The device the run's experiment names ({@code schedule.device}), or empty when its {@code experiment.json}
     * cannot be read (the job then says why).
     */
    public static java.util.Optional<ComputeDevice> runDevice(Path runDir) {
        try {
            return java.util.Optional.of(ExperimentJson.read(runDir).schedule().device());
        } catch (IOException | RuntimeException e) {
            return java.util.Optional.empty();
        }
    }

    /**
     * Schedules the job on a run once its device is known to be there: a device libtorch does not see is refused
     * here, with the engine's words, before a Run view opens. The session's name and first message say where the
     * job runs.
     *
     * @param onDevice the menu entry that asks for another device, named when the run's own device is refused
     */
    private List<String> placed(Path runDir, ComputeDevice chosen, String onDevice, String verb,
            Function<RunSession, TrainingJob> job) {
        java.util.Optional<ComputeDevice> own = runDevice(runDir);
        ComputeDevice asked = chosen != null ? chosen : own.orElse(null);
        ComputeDevice used = null;
        if (asked != null && devices != null) {
            try {
                used = devices.placement(asked);
            } catch (EngineException e) {
                return List.of(chosen != null ? e.getMessage()
                        : "The run's " + e.getMessage() + "; " + onDevice + " " + verb + " it on one of those");
            }
        }
        RunSession session = new RunSession(label(runDir) + (used == null ? "" : " on " + used));
        if (used != null) {
            session.message("Device " + used + (chosen != null ? ", chosen for this job" : "")
                    + own.map(d -> "; the run's experiment says " + d).orElse(""));
        }
        schedule(job.apply(session), session);
        return List.of();
    }

    private void schedule(TrainingJob job, RunSession session) {
        ExperimentEditors.show(RunPart.DESCRIPTOR_ID, RunPart.SESSION_KEY, session, parts, models, app);
        job.schedule();
    }

    /** A run as the Run view and status bar name it: {@code <experiment>/<run folder>}. */
    public static String label(Path runDir) {
        Path name = runDir.getParent() == null ? null : runDir.getParent().getFileName();
        return (name == null ? "" : name + "/") + runDir.getFileName();
    }
}

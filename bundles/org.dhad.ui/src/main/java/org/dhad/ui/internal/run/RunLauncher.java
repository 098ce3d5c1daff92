package org.dhad.ui.internal.run;

import java.nio.file.Path;
import java.util.List;

import org.dhad.engine.EvaluationService;
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

    private final TrainingService training;
    private final EvaluationService evaluation;
    private final UISynchronize sync;
    private final EPartService parts;
    private final EModelService models;
    private final MApplication app;

    @Inject
    public RunLauncher(@Optional TrainingService training, @Optional EvaluationService evaluation, UISynchronize sync,
            EPartService parts, EModelService models, MApplication app) {
        this.training = training;
        this.evaluation = evaluation;
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

    /** Continues a stopped run from its last checkpoint and evaluates it; problems instead when unavailable. */
    public List<String> resume(Path runDir) {
        if (training == null || evaluation == null) {
            return List.of("engine: the training and evaluation services are not available (see the log)");
        }
        RunSession session = new RunSession(label(runDir));
        schedule(TrainingJob.resume(training, evaluation, runDir, session, sync), session);
        return List.of();
    }

    /** Evaluates a trained run (again) with its last checkpoint. */
    public List<String> evaluate(Path runDir) {
        if (evaluation == null) {
            return List.of("engine: the evaluation service is not available (see the log)");
        }
        RunSession session = new RunSession(label(runDir));
        schedule(TrainingJob.evaluate(evaluation, runDir, session, sync), session);
        return List.of();
    }

    private void schedule(TrainingJob job, RunSession session) {
        ExperimentEditors.show(RunPart.DESCRIPTOR_ID, RunPart.SESSION_KEY, session, parts, models, app);
        job.schedule();
    }

    private static String label(Path runDir) {
        Path name = runDir.getParent() == null ? null : runDir.getParent().getFileName();
        return (name == null ? "" : name + "/") + runDir.getFileName();
    }
}

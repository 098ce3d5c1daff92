package org.dhad.engine.internal;

import java.io.IOException;
import java.nio.file.Path;

import org.dhad.djl.TorchRuntime;
import org.dhad.engine.EngineException;
import org.dhad.experiment.ComputeDevice;
import org.dhad.experiment.ExperimentJson;
import org.dhad.experiment.ExperimentSpec;

/** A run's experiment and network with its last checkpoint loaded, frozen, ready to score. */
final class TrainedModel implements AutoCloseable {

    private final ResolvedExperiment experiment;
    private final NetworkBuilder.Built built;
    private final String checkpoint;
    private final AnomalyScorer scorer;

    private TrainedModel(ResolvedExperiment experiment, NetworkBuilder.Built built, String checkpoint) {
        this.experiment = experiment;
        this.built = built;
        this.checkpoint = checkpoint;
        this.scorer = new AnomalyScorer(built.network(), built.model().getNDManager(), experiment.spec().score());
    }

    /** {@code device}: where to score, or null for the device of the run's experiment. */
    static TrainedModel open(Path runDir, ExperimentResolver resolver, TorchRuntime runtime, ComputeDevice device)
            throws EngineException, IOException {
        if (device != null) {
            DevicePlacement.of(device, runtime); // a device that is not there is refused before any file is read
        }
        ExperimentSpec spec = DevicePlacement.onto(ExperimentJson.read(runDir), device);
        ExperimentResolver.Resolution resolution = resolver.resolve(spec, false);
        if (!resolution.problems().isEmpty()) {
            throw new EngineException("The experiment of " + runDir + " cannot be rebuilt:\n  - "
                    + String.join("\n  - ", resolution.problems()));
        }
        Checkpoints checkpoints = new Checkpoints(runDir);
        Checkpoints.State state = checkpoints.latest();
        NetworkBuilder.Built built = NetworkBuilder.build(resolution.resolved(), runtime, 1);
        try {
            checkpoints.loadParameters(state, built.model().getBlock(), built.model().getNDManager());
            // Frozen parameters build no autograd graph, and inference mode uses the running statistics.
            built.model().getBlock().freezeParameters(true);
            return new TrainedModel(resolution.resolved(), built, checkpoints.paramsFile(state.stem()).toString());
        } catch (IOException | RuntimeException e) {
            built.close();
            throw e;
        }
    }

    ResolvedExperiment experiment() {
        return experiment;
    }

    AnomalyScorer scorer() {
        return scorer;
    }

    /** The parameter file that was loaded. */
    String checkpoint() {
        return checkpoint;
    }

    @Override
    public void close() {
        built.close();
    }
}

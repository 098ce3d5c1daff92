package org.dhad.engine.internal;

import java.io.IOException;
import java.nio.file.Path;

import ai.djl.Model;
import ai.djl.ndarray.types.Shape;

import org.dhad.api.PluginException;
import org.dhad.api.backbone.HybridNetwork;
import org.dhad.djl.TorchRuntime;
import org.dhad.engine.EngineException;

/** Builds an experiment's network inside a new DJL model, with seeded initialisation and optional weights. */
final class NetworkBuilder {

    /** A model and the network it holds; closing the model frees every parameter. */
    record Built(Model model, HybridNetwork network) implements AutoCloseable {
        @Override
        public void close() {
            model.close();
            // Weights read from a parameters file live in direct byte buffers (DJL's PyTorch engine wraps the
            // buffer it decoded into, without copying), and closing an array frees its buffer only when the
            // collector finds it unreachable: without a collection here a closed network's weights (160 MB for
            // R50) stay resident beside the next one a command opens, for as long as the buffers' old generation
            // is not collected.
            System.gc();
        }
    }

    /** Weights files with this suffix hold a whole network's parameters as checkpoints and pretraining write them. */
    static final String PARAMETERS_SUFFIX = ".params";

    private NetworkBuilder() {
    }

    static Built build(ResolvedExperiment experiment, TorchRuntime runtime, int batch) throws EngineException {
        int size = experiment.spec().schedule().inputSize();
        // Initialisation draws from the engine's generator: seed it so that the same seed gives the same network.
        runtime.engine().setRandomSeed(Seeds.engineSeed(experiment.spec().seed(), 0));
        HybridNetwork network;
        try {
            network = experiment.backbone().create(experiment.backboneSettings());
        } catch (PluginException e) {
            throw new EngineException("backbone '" + experiment.backbone().id() + "': " + e.getMessage(), e);
        }
        Model model = Model.newInstance(experiment.spec().name(),
                DevicePlacement.of(experiment.spec().schedule().device(), runtime), runtime.engine().getEngineName());
        try {
            model.setBlock(network.block());
            network.initialize(model.getNDManager(), new Shape(batch, 3, size, size));
            Path weights = experiment.spec().weights();
            if (weights != null && weights.getFileName().toString().endsWith(PARAMETERS_SUFFIX)) {
                // written by dhad pretrain or a checkpoint: the whole network, whatever the backbone
                Checkpoints.loadParameters(weights, model.getBlock(), model.getNDManager());
            } else if (weights != null) {
                network.loadWeights(weights, false);
            }
            return new Built(model, network);
        } catch (IOException e) {
            model.close();
            throw new EngineException("weights: " + e.getMessage(), e);
        } catch (PluginException | RuntimeException e) {
            model.close();
            throw new EngineException("Building the network failed: " + e.getMessage(), e);
        }
    }
}

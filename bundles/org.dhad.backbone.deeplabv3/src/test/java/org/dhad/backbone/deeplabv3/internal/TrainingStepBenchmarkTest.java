package org.dhad.backbone.deeplabv3.internal;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;

/** Times forward, backward and an Adam step of ResNet-50 OS 8 at batch 4x3x256x256; runs with -Ddhad.bench=true. */
class TrainingStepBenchmarkTest {

    private static Services services;

    @BeforeAll
    static void start() throws Exception {
        if (Boolean.getBoolean("dhad.bench")) {
            services = new Services();
        }
    }

    @AfterAll
    static void stop() {
        if (services != null) {
            services.close();
        }
    }

    @Test
    void resnet50TrainingStep() throws Exception {
        assumeTrue(services != null, "benchmark skipped: set -Ddhad.bench=true to run it");
        DeepLabV3Network net = services.create(Map.of());
        Shape input = new Shape(4, 3, 256, 256);
        try (Model model = Model.newInstance("bench")) {
            model.setBlock(net.block());
            net.initialize(model.getNDManager(), input);
            DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.l2Loss())
                    .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed(1e-4f)).build());
            try (Trainer trainer = model.newTrainer(config)) {
                for (int step = 1; step <= 5; step++) {
                    try (NDManager batch = trainer.getManager().newSubManager()) {
                        NDArray images = batch.randomUniform(0, 1, input);
                        long start = System.nanoTime();
                        try (GradientCollector collector = trainer.newGradientCollector()) {
                            NDList out = trainer.forward(new NDList(images));
                            NDArray loss = out.get(0).square().mean().add(out.get(1).square().mean());
                            long forward = System.nanoTime();
                            collector.backward(loss);
                            long backward = System.nanoTime();
                            trainer.step();
                            long end = System.nanoTime();
                            System.out.printf("deeplabv3 bench step %d (ResNet-50 OS8, 4x3x256x256, %d threads): "
                                    + "forward %.2f s, backward %.2f s, Adam step %.2f s, total %.2f s%n", step,
                                    Runtime.getRuntime().availableProcessors(), (forward - start) / 1e9,
                                    (backward - forward) / 1e9, (end - backward) / 1e9, (end - start) / 1e9);
                        }
                    }
                }
            }
        }
    }
}

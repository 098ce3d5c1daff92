package org.dhad.engine.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.util.Pair;
import ai.djl.util.PairList;

import org.dhad.api.data.DecodedCache;
import org.dhad.api.data.Sample;
import org.dhad.api.data.Split;
import org.dhad.api.training.ParameterGroup;
import org.dhad.djl.NarrowConvolutions;
import org.dhad.djl.TorchRuntime;
import org.dhad.engine.EngineException;
import org.dhad.engine.EpochReport;
import org.dhad.experiment.ExperimentSpec;
import org.dhad.engine.RunListener;
import org.dhad.engine.RunResult;
import org.dhad.experiment.Schedule;
import org.dhad.engine.StepReport;

/**
 * One training session of a run folder, fresh or resumed: Adam with per-group learning rates and a
 * per-step cosine decay, the experiment's {@link WeightedLoss}, a checkpoint per epoch and on cancel.
 */
final class TrainingRun {

    private final ResolvedExperiment experiment;
    private final Path runDir;
    private final RunListener listener;
    private final TorchRuntime runtime;
    private final int keepEpochCheckpoints;
    private final long imageCacheBytes;
    private final DecodedCache decoded;

    /**
     * {@code keepEpochCheckpoints}: epoch checkpoints kept on disk, 0 for all; {@code imageCacheBytes}: memory for
     * training images kept resized after their first epoch.
     */
    TrainingRun(ResolvedExperiment experiment, Path runDir, RunListener listener, TorchRuntime runtime,
            int keepEpochCheckpoints, long imageCacheBytes, DecodedCache decoded) {
        this.imageCacheBytes = imageCacheBytes;
        this.decoded = decoded;
        this.experiment = experiment;
        this.runDir = runDir;
        this.listener = listener;
        this.runtime = runtime;
        this.keepEpochCheckpoints = keepEpochCheckpoints;
    }

    /** Trains from {@code start}, or from the beginning when it is {@code null}. */
    RunResult run(Checkpoints.State start) throws EngineException {
        ExperimentSpec spec = experiment.spec();
        Schedule schedule = spec.schedule();
        long began = System.nanoTime();
        Checkpoints checkpoints = new Checkpoints(runDir);
        List<Sample> samples = experiment.categories().stream()
                .flatMap(c -> experiment.data().samples(c, Split.TRAIN).stream()).toList();
        NegativePaster paster = new NegativePaster(experiment.negatives(), spec.paste());
        WeightedLoss loss = experiment.loss();
        List<String> termIds = loss.termIds();
        DataProblemLog dataProblems;
        try {
            dataProblems = new DataProblemLog(runDir, listener);
        } catch (IOException e) {
            throw new EngineException("Cannot read " + runDir.resolve(DataProblemLog.FILE) + ": " + e.getMessage(), e);
        }
        dataProblems.dataset(experiment.data().problems());
        try (NetworkBuilder.Built built = NetworkBuilder.build(experiment, runtime, schedule.batchSize());
                BatchLoader loader = new BatchLoader(samples, paster, schedule, spec.seed(), dataProblems,
                        imageCacheBytes, decoded);
                TrainLog log = new TrainLog(runDir, termIds, start == null ? 0 : start.globalStep())) {
            if (start != null) {
                checkpoints.loadParameters(start, built.model().getBlock(), built.model().getNDManager());
            }
            // The trainer runs forward and backward; the step is GroupedAdam's, not the trainer's (see there).
            DefaultTrainingConfig config = new DefaultTrainingConfig(loss)
                    .optDevices(new ai.djl.Device[] {built.model().getNDManager().getDevice()});
            try (GroupedAdam optimizer = optimizer(built, schedule);
                    Trainer trainer = built.model().newTrainer(config)) {
                if (start != null) {
                    checkpoints.loadOptimizer(start, optimizer);
                }
                // The trainer unfreezes every parameter: the freeze policy applies only after it exists.
                built.network().freeze(spec.freeze().frozenGroups());
                List<String> narrow = NarrowConvolutions.inGradientPath(built.model().getBlock().getParameters());
                if (!narrow.isEmpty() && NarrowConvolutions.affects(runtime)) {
                    throw new EngineException(NarrowConvolutions.problem(narrow));
                }
                try (SegmentationBatches segmentation = experiment.segmentation() == null ? null
                        : new SegmentationBatches(experiment.segmentation(), schedule.batchSize(),
                                schedule.inputSize(), built.network().classCount(), spec.seed(), dataProblems)) {
                    return new Loop(built, trainer, optimizer, loader, segmentation, log, checkpoints, loss, began)
                            .run(start);
                }
            }
        } catch (IOException e) {
            throw new EngineException("Run folder " + runDir + ": " + e.getMessage(), e);
        }
    }

    private GroupedAdam optimizer(NetworkBuilder.Built built, Schedule schedule) {
        PairList<String, Parameter> parameters = built.model().getBlock().getParameters();
        Map<String, Double> factors = new HashMap<>();
        for (Pair<String, Parameter> entry : parameters) {
            boolean backbone = built.network().groupOf(entry.getKey()) == ParameterGroup.BACKBONE;
            factors.put(entry.getKey(), backbone ? schedule.backboneLrFactor() : 1.0);
        }
        return new GroupedAdam(parameters, factors, built.model().getNDManager());
    }

    /** The step loop with its running counters. */
    private final class Loop {
        private final NetworkBuilder.Built built;
        private final Trainer trainer;
        private final GroupedAdam optimizer;
        private final BatchLoader loader;
        private final SegmentationBatches segmentation;
        private final StepLayout layout;
        private final TrainLog log;
        private final Checkpoints checkpoints;
        private final WeightedLoss loss;
        private final List<String> termIds;
        private final long began;
        private final Schedule schedule = experiment.spec().schedule();
        private final int stepsPerEpoch;
        private final long totalSteps;
        private long globalStep;
        private double secondsPerStep = Double.NaN;
        private float lastLoss = Float.NaN;
        private int skippedBefore;

        /** @param segmentation the segmentation batches mixed in, or {@code null} */
        Loop(NetworkBuilder.Built built, Trainer trainer, GroupedAdam optimizer, BatchLoader loader,
                SegmentationBatches segmentation, TrainLog log, Checkpoints checkpoints, WeightedLoss loss, long began) {
            this.built = built;
            this.trainer = trainer;
            this.optimizer = optimizer;
            this.loader = loader;
            this.segmentation = segmentation;
            this.layout = segmentation == null ? StepLayout.anomalyOnly(loader.batchesPerEpoch())
                    : !loss.hasAnomalyTerms() ? StepLayout.segmentationOnly(segmentation.batchesPerEpoch())
                    : StepLayout.mixed(loader.batchesPerEpoch(), schedule.segmentationEvery());
            this.log = log;
            this.checkpoints = checkpoints;
            this.loss = loss;
            this.termIds = loss.termIds();
            this.began = began;
            this.stepsPerEpoch = layout.positions();
            this.totalSteps = (long) stepsPerEpoch * schedule.epochs();
        }

        RunResult run(Checkpoints.State start) throws EngineException, IOException {
            int firstEpoch = start == null ? 0 : start.epoch();
            int firstBatch = start == null ? 0 : start.batch();
            globalStep = start == null ? 0 : start.globalStep();
            skippedBefore = start == null ? 0 : start.skipped();
            for (int epoch = firstEpoch; epoch < schedule.epochs(); epoch++) {
                double sum = 0;
                int steps = 0;
                int first = epoch == firstEpoch ? firstBatch : 0;
                try (BatchLoader.Epoch batches = loader.epoch(epoch, layout.anomalyBatch(first))) {
                    for (int position = first; position < stepsPerEpoch; position++) {
                        if (listener.isCanceled()) {
                            return cancel(epoch, batches);
                        }
                        double value;
                        if (layout.segmentation(position)) {
                            long loading = System.nanoTime();
                            SegmentationBatches.Batch batch = segmentation.batch(layout.segmentationBatch(epoch,
                                    position));
                            value = batch.count() == 0 ? Double.NaN
                                    : step(epoch, batch.count(), batch.size(), batch.images(), null, batch.labels(),
                                            System.nanoTime() - loading);
                        } else {
                            TrainingBatch batch = batches.next();
                            value = batch.count() == 0 ? Double.NaN
                                    : step(epoch, batch.count(), batch.size(), batch.images(), batch.labels(), null,
                                            batches.lastWaitNanos());
                        }
                        if (Double.isNaN(value)) {
                            globalStep++; // nothing readable in the batch: the step is skipped, its place kept
                            continue;
                        }
                        sum += value;
                        steps++;
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new EngineException("Training interrupted at step " + globalStep, e);
                }
                Path params = checkpoints.write(state(String.format("epoch-%03d", epoch + 1), epoch + 1, 0),
                        built.model().getBlock(), optimizer);
                checkpoints.prune(keepEpochCheckpoints);
                listener.onEpochEnd(new EpochReport(epoch + 1, schedule.epochs(), steps == 0 ? Double.NaN : sum / steps,
                        params, skipped()));
                if (epoch + 1 == schedule.epochs() && !loss.hasAnomalyTerms()) {
                    Path weights = org.dhad.engine.TrainingService.pretrainedWeights(runDir);
                    Files.copy(params, weights, StandardCopyOption.REPLACE_EXISTING);
                    listener.onMessage("Pretrained weights " + weights + " (an experiment's weights field loads them)");
                }
            }
            return result(schedule.epochs(), false);
        }

        private RunResult cancel(int epoch, BatchLoader.Epoch batches) throws IOException {
            int batch = (int) (globalStep - (long) epoch * stepsPerEpoch);
            checkpoints.write(state(String.format("interrupted-%03d-%06d", epoch + 1, globalStep), epoch, batch),
                    built.model().getBlock(), optimizer);
            listener.onMessage("Canceled after step " + globalStep + "; checkpoint written, resume continues");
            return result(epoch, true);
        }

        private Checkpoints.State state(String stem, int epoch, int batch) {
            return new Checkpoints.State(stem, epoch, batch, globalStep, experiment.spec().seed(), skipped());
        }

        private int skipped() {
            return skippedBefore + loader.skipped() + (segmentation == null ? 0 : segmentation.skipped());
        }

        private RunResult result(int epochs, boolean canceled) {
            return new RunResult(runDir, epochs, globalStep, canceled, lastLoss, skipped(), loader.waitNanos() / 1e9,
                    (System.nanoTime() - began) / 1e9);
        }

        /**
         * One optimisation step on an anomaly batch (outlier labels) or a segmentation batch (class labels);
         * returns the total loss.
         */
        private double step(int epoch, int count, int size, float[] imageData, float[] outlierLabels,
                float[] classLabels, long waitNanos) throws EngineException, IOException {
            long start = System.nanoTime();
            double lr = learningRate(globalStep);
            float[] values;
            float total;
            try (NDManager manager = trainer.getManager().newSubManager()) {
                NDArray images = manager.create(imageData, new Shape(count, 3, size, size));
                Shape pixels = new Shape(count, size, size);
                // Dropout draws from the engine's generator: reseed per step so a resume repeats it exactly.
                runtime.engine().setRandomSeed(Seeds.engineSeed(experiment.spec().seed(), 3, globalStep));
                try (GradientCollector collector = trainer.newGradientCollector()) {
                    NDList outputs = trainer.forward(new NDList(images));
                    WeightedLoss.Value value = loss.evaluate(classLabels == null
                            ? WeightedLoss.inputs(outputs, manager.create(outlierLabels, pixels))
                            : WeightedLoss.segmentationInputs(outputs, manager.create(classLabels, pixels)));
                    values = value.values();
                    total = value.total().getFloat();
                    collector.backward(value.total());
                }
                optimizer.setLearningRate((float) lr);
                optimizer.step();
            } catch (WeightedLoss.NonFiniteTerm e) {
                throw diverged(epoch, e);
            }
            globalStep++;
            lastLoss = total;
            double seconds = (System.nanoTime() - start) / 1e9;
            secondsPerStep = Double.isNaN(secondsPerStep) ? seconds : 0.9 * secondsPerStep + 0.1 * seconds;
            double imagesPerSecond = count / seconds;
            int stepInEpoch = (int) (globalStep - (long) epoch * stepsPerEpoch);
            log.row(epoch + 1, stepInEpoch, globalStep, values, total, lr, imagesPerSecond, waitNanos / 1e6);
            Map<String, Double> terms = new LinkedHashMap<>();
            for (int i = 0; i < values.length; i++) {
                if (!Float.isNaN(values[i])) { // NaN: the term does not apply to this kind of batch
                    terms.put(termIds.get(i), (double) values[i]);
                }
            }
            Duration eta = Duration.ofMillis((long) (1000 * secondsPerStep * (totalSteps - globalStep)));
            listener.onStep(new StepReport(epoch + 1, schedule.epochs(), stepInEpoch, stepsPerEpoch, globalStep, terms,
                    total, lr, imagesPerSecond, waitNanos / 1e6, eta));
            return total;
        }

        /** Saves the parameters before this step and returns the error naming the term and the step. */
        private EngineException diverged(int epoch, WeightedLoss.NonFiniteTerm e) throws IOException {
            int batch = (int) (globalStep - (long) epoch * stepsPerEpoch);
            Path params = checkpoints.write(state(String.format("diverged-%03d-%06d", epoch + 1, globalStep), epoch,
                    batch), built.model().getBlock(), optimizer);
            return new EngineException(e.getMessage() + " at step " + (globalStep + 1)
                    + " (epoch " + (epoch + 1) + ", step " + (batch + 1) + " of " + stepsPerEpoch
                    + "); the last good state is saved in " + params, e);
        }

        /** Cosine decay per step from the learning rate to the minimum over the whole run. */
        private double learningRate(long step) {
            double progress = totalSteps <= 1 ? 0 : (double) step / (totalSteps - 1);
            return schedule.minLearningRate()
                    + (schedule.learningRate() - schedule.minLearningRate()) * 0.5 * (1 + Math.cos(Math.PI * progress));
        }
    }
}

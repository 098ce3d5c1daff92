package org.dhad.experiment;

import java.util.List;
import java.util.Map;

import org.dhad.api.SettingDescriptor;

/**
 * How training runs: Adam with a cosine decay from {@code learningRate} to {@code minLearningRate}, batches,
 * input size, loader threads and augmentation. {@link #FIELDS} is the only definition of the schedule fields
 * (see {@link ExperimentSection}); the accessors are for the engine.
 */
public final class Schedule extends ExperimentSection<Schedule> {

    public static final String EPOCHS = "epochs";
    public static final String BATCH_SIZE = "batchSize";
    public static final String INPUT_SIZE = "inputSize";
    public static final String LEARNING_RATE = "learningRate";
    public static final String BACKBONE_LR_FACTOR = "backboneLrFactor";
    public static final String MIN_LEARNING_RATE = "minLearningRate";
    public static final String LOADER_THREADS = "loaderThreads";
    public static final String FLIP_PROBABILITY = "flipProbability";
    public static final String DEVICE = "device";
    public static final String SEGMENTATION_EVERY = "segmentationEvery";

    /** The schedule fields with the paper's values as defaults (MVTec AD at 256 px). */
    public static final List<SettingDescriptor> FIELDS = List.of(
            SettingDescriptor.integer(EPOCHS, "Epochs", 40, 1, 100_000, "Passes over the training images (paper: 40)"),
            SettingDescriptor.integer(BATCH_SIZE, "Batch size", 4, 1, 4096, "Images per step"),
            SettingDescriptor.integer(INPUT_SIZE, "Input size", 256, 16, 8192,
                    "Images are resized to this many pixels square"),
            SettingDescriptor.decimal(LEARNING_RATE, "Learning rate", 1e-4, 1e-12, 10,
                    "Initial learning rate of the heads and context module (Adam, cosine decay)"),
            SettingDescriptor.decimal(BACKBONE_LR_FACTOR, "Backbone LR factor", 0.25, 0, 1000,
                    "The backbone learns at learning rate x this factor"),
            SettingDescriptor.decimal(MIN_LEARNING_RATE, "Final learning rate", 1e-7, 0, 10,
                    "Learning rate at the end of the cosine schedule (at most the learning rate)"),
            SettingDescriptor.integer(LOADER_THREADS, "Loader threads", 2, 1, 256,
                    "Background threads that decode, resize and paste"),
            SettingDescriptor.decimal(FLIP_PROBABILITY, "Flip probability", 0.0, 0, 1,
                    "Chance that a training image is mirrored left to right before negatives are pasted"),
            SettingDescriptor.text(DEVICE, "Device", "auto",
                    "Where the network runs: auto (the first GPU libtorch sees, else the CPU), cpu or cuda:N"),
            SettingDescriptor.integer(SEGMENTATION_EVERY, "Segmentation step every", 4, 2, 100_000,
                    "With a segmentation source: one step in N trains on a batch of its labelled images "
                            + "(segmentation-ce only), the others on anomaly batches (every other term)"));

    private Schedule(Map<String, ?> values) {
        super("schedule", FIELDS, values, Schedule::new);
    }

    /** Schedule fields from {@code values} by key; fields not given take their defaults. */
    public static Schedule of(Map<String, ?> values) {
        return new Schedule(values);
    }

    /** The paper's schedule at MVTec AD resolution: every default. */
    public static Schedule paper() {
        return new Schedule(Map.of());
    }

    @Override
    protected void combinationProblems(List<String> problems) {
        if (valid(MIN_LEARNING_RATE, LEARNING_RATE) && minLearningRate() > learningRate()) {
            problems.add(notAllowed(MIN_LEARNING_RATE, minLearningRate(),
                    "a number <= schedule.learningRate (" + learningRate() + ")"));
        }
        try {
            device();
        } catch (IllegalArgumentException e) {
            problems.add(notAllowed(DEVICE, values().get(DEVICE), ComputeDevice.EXPECTED));
        }
    }

    /** Passes over the training images. */
    public int epochs() {
        return intValue(EPOCHS);
    }

    /** Images per step. */
    public int batchSize() {
        return intValue(BATCH_SIZE);
    }

    /** Images are resized to inputSize x inputSize. */
    public int inputSize() {
        return intValue(INPUT_SIZE);
    }

    /** Initial learning rate of the heads and context module. */
    public double learningRate() {
        return doubleValue(LEARNING_RATE);
    }

    /** The backbone's learning rate is {@code learningRate * backboneLrFactor}. */
    public double backboneLrFactor() {
        return doubleValue(BACKBONE_LR_FACTOR);
    }

    /** Learning rate at the end of the cosine schedule. */
    public double minLearningRate() {
        return doubleValue(MIN_LEARNING_RATE);
    }

    /** Background threads that decode, resize and paste. */
    public int loaderThreads() {
        return intValue(LOADER_THREADS);
    }

    /** Where the network runs. */
    public ComputeDevice device() {
        return ComputeDevice.parse(values().get(DEVICE));
    }

    /** With a segmentation source, every this many steps one is a segmentation batch. */
    public int segmentationEvery() {
        return intValue(SEGMENTATION_EVERY);
    }

    /** Chance that a training image is mirrored left to right. */
    public double flipProbability() {
        return doubleValue(FLIP_PROBABILITY);
    }
}

package org.dhad.engine;

/**
 * Optimisation schedule: Adam with a cosine decay from {@code learningRate} to {@code minLearningRate}.
 *
 * @param epochs           passes over the training images (paper: 40)
 * @param batchSize        images per step
 * @param inputSize        images are resized to inputSize x inputSize
 * @param learningRate     initial learning rate of the heads and context module
 * @param backboneLrFactor the backbone's learning rate is {@code learningRate * backboneLrFactor}
 * @param minLearningRate  learning rate at the end of the cosine schedule
 * @param loaderThreads    background threads that decode, resize and paste
 */
public record Schedule(int epochs, int batchSize, int inputSize, double learningRate, double backboneLrFactor,
        double minLearningRate, int loaderThreads) {

    /** The paper's schedule at MVTec AD resolution. */
    public static Schedule paper() {
        return new Schedule(40, 4, 256, 1e-4, 0.25, 1e-7, 2);
    }
}

package org.dhad.engine;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one training step did, for progress bars and loss charts.
 *
 * @param epoch          1-based epoch
 * @param epochs         epochs of the run
 * @param step           1-based step within the epoch
 * @param stepsPerEpoch  steps of one epoch
 * @param globalStep     1-based step counted over the whole run
 * @param terms          unweighted value of each loss term by id, in experiment order
 * @param total          weighted total loss
 * @param learningRate   base learning rate used by this step (heads and context module)
 * @param imagesPerSecond training throughput of this step
 * @param dataWaitMillis time the training thread waited for this batch
 * @param eta            estimated time until the run ends
 */
public record StepReport(int epoch, int epochs, int step, int stepsPerEpoch, long globalStep,
        Map<String, Double> terms, double total, double learningRate, double imagesPerSecond, double dataWaitMillis,
        Duration eta) {

    public StepReport {
        terms = Collections.unmodifiableMap(new LinkedHashMap<>(terms));
    }

    /** Steps of the whole run. */
    public long totalSteps() {
        return (long) epochs * stepsPerEpoch;
    }
}

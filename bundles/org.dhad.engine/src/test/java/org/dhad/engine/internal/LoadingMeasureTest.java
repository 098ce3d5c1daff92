package org.dhad.engine.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.dhad.engine.EngineException;
import org.dhad.experiment.ExperimentSpec;
import org.dhad.experiment.PluginChoice;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code TrainingService.measureLoading}, what {@code dhad bench --data} reports: one rate per epoch, bad input named. */
class LoadingMeasureTest {

    private static EngineServices services;

    @BeforeAll
    static void start() throws Exception {
        services = new EngineServices();
    }

    @AfterAll
    static void stop() {
        services.close();
    }

    @Test
    void oneRatePerEpochWithAndWithoutTheImageCache() throws Exception {
        ExperimentSpec spec = EngineServices.tiny("load", 1, EngineServices.paperLoss());
        for (long cache : new long[] {-1, 0, 1 << 20}) {
            double[] rates = services.training.measureLoading(spec, 3, cache);
            assertEquals(3, rates.length, "three epochs");
            for (double rate : rates) {
                assertTrue(rate > 0 && Double.isFinite(rate), "images/s of each epoch: " + java.util.Arrays.toString(rates));
            }
        }
        ExperimentSpec unknown = new ExperimentSpec("load", spec.backbone(), null, spec.dataset(), List.of(),
                PluginChoice.of("no-such-negatives"), spec.paste(), spec.lossWeights(), spec.freeze(), spec.schedule(),
                spec.seed(), spec.metrics(), spec.score());
        EngineException e = assertThrows(EngineException.class, () -> services.training.measureLoading(unknown, 1, -1));
        assertTrue(e.getMessage().contains("no-such-negatives"), e.getMessage());
    }
}

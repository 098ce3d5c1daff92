package org.dhad.engine.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.dhad.api.data.AnomalyDataset;

import org.dhad.engine.EngineException;
import org.dhad.experiment.ExperimentSpec;
import org.dhad.experiment.PluginChoice;
import org.dhad.imageio.DecodedCacheFolder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

    /**
     * The service hands the disk tier to the loader: one entry per training image of a file dataset (the shared
     * MVTec AD grid), read again by a second measurement; runs use the folder of {@code dhad.data.cache-dir}.
     */
    @Test
    void theDiskTierKeepsTheResizedImagesOfAFileDataset(@TempDir Path temp) throws Exception {
        Path root = Path.of(System.getProperty("dhad.shared", "/nonexistent"), "data", "mvtec_ad").toAbsolutePath();
        Assumptions.assumeTrue(Files.isDirectory(root.resolve("grid")), "MVTec AD grid sample not found under " + root
                + " (system property dhad.shared): skipping the disk tier measurement on real files");
        ExperimentSpec tiny = EngineServices.tiny("load", 1, EngineServices.paperLoss());
        ExperimentSpec spec = new ExperimentSpec("load", tiny.backbone(), null, new PluginChoice("mvtec",
                Map.of(AnomalyDataset.ROOT_SETTING, root.toString())), List.of("grid"), tiny.negatives(), tiny.paste(),
                tiny.lossWeights(), tiny.freeze(), tiny.schedule(), tiny.seed(), tiny.metrics(), tiny.score());
        Path folder = temp.resolve("data-cache");
        double[] cold = services.training.measureLoading(spec, 1, -1, new DecodedCacheFolder(folder, 1 << 30));
        List<Path> entries;
        try (Stream<Path> files = Files.list(folder)) {
            entries = files.toList();
        }
        assertEquals(24, entries.size(), "25 images in batches of 4: the 24 loaded are stored");
        double[] warm = services.training.measureLoading(spec, 1, -1, new DecodedCacheFolder(folder, 1 << 30));
        assertTrue(cold[0] > 0 && warm[0] > 0, "rates " + cold[0] + ", " + warm[0]);
        try (Stream<Path> files = Files.list(folder)) {
            assertEquals(entries, files.toList(), "the second measurement read the entries and wrote none");
        }
        Path configured = services.training.decodedCache().folder().orElseThrow();
        assertEquals(Path.of(System.getProperty("dhad.data.cache-dir")).toAbsolutePath().normalize(), configured,
                "runs use the folder of dhad.data.cache-dir");
    }
}

package org.dhad.model;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.dhad.api.training.FreezePolicy;
import org.dhad.experiment.ExperimentSpec;
import org.dhad.experiment.PasteMode;
import org.dhad.experiment.PasteSpec;
import org.dhad.experiment.PluginChoice;
import org.dhad.experiment.Schedule;
import org.dhad.experiment.ScoreKind;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

/** Obtains the real {@link ExperimentModel} service from the running framework, and sample specs. */
final class ModelFixture {

    static final long TIMEOUT_MS = 10_000;

    private ModelFixture() {
    }

    /** The registered service; fails the test if it does not appear within {@link #TIMEOUT_MS}. */
    static ExperimentModel model() throws InterruptedException {
        BundleContext context = FrameworkUtil.getBundle(ModelFixture.class).getBundleContext();
        ServiceTracker<ExperimentModel, ExperimentModel> tracker = new ServiceTracker<>(context,
                ExperimentModel.class, null);
        tracker.open();
        ExperimentModel model = tracker.waitForService(TIMEOUT_MS);
        assertNotNull(model, "ExperimentModel service not registered within " + TIMEOUT_MS + " ms");
        return model;
    }

    /** A spec where every value differs from the metamodel defaults, with text XML must escape. */
    static ExperimentSpec unusualSpec(Path weights) {
        Map<String, String> backbone = new LinkedHashMap<>();
        backbone.put("depth", "50");
        backbone.put("output-stride", "16");
        backbone.put("note", "a \"quoted\" <value> & ümlaut\ttab");
        Map<String, Double> losses = new LinkedHashMap<>();
        losses.put("outlier-energy", 0.03);
        losses.put("inlier-posterior", 1.0);
        losses.put("densehybrid-bce", 0.3);
        return new ExperimentSpec("round-trip", new PluginChoice("deeplabv3", backbone), weights,
                new PluginChoice("mvtec", Map.of("root", "/data/mvtec anomaly")), List.of("bottle", "carpet"),
                PluginChoice.of("segmentation"), PasteSpec.of(Map.of(PasteSpec.MODE, PasteMode.RECTANGLE,
                        PasteSpec.COUNT, 3, PasteSpec.PROBABILITY, 0.5, PasteSpec.MIN_SCALE, 0.05,
                        PasteSpec.MAX_SCALE, 0.3, PasteSpec.RECTANGLE_STEP, 8)), losses,
                FreezePolicy.BACKBONE, Schedule.of(Map.of(Schedule.EPOCHS, 7, Schedule.BATCH_SIZE, 2,
                        Schedule.INPUT_SIZE, 128, Schedule.LEARNING_RATE, 3e-4, Schedule.BACKBONE_LR_FACTOR, 0.1,
                        Schedule.MIN_LEARNING_RATE, 1e-6, Schedule.LOADER_THREADS, 3, Schedule.SEGMENTATION_EVERY, 5)),
                -42L, List.of("pixel-ap", "pixel-auroc"), ScoreKind.ENERGY,
                new PluginChoice("segmentation", Map.of("root", "/data/camvid", "ignore-classes", "11")));
    }
}

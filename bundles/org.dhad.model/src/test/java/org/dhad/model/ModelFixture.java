package org.dhad.model;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.dhad.api.training.FreezePolicy;
import org.dhad.engine.ExperimentSpec;
import org.dhad.engine.PasteMode;
import org.dhad.engine.PasteSpec;
import org.dhad.engine.PluginChoice;
import org.dhad.engine.Schedule;
import org.dhad.engine.ScoreKind;
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
                PluginChoice.of("segmentation"), new PasteSpec(PasteMode.RECTANGLE, 3, 0.5, 0.05, 0.3, 8), losses,
                FreezePolicy.BACKBONE, new Schedule(7, 2, 128, 3e-4, 0.1, 1e-6, 3), -42L,
                List.of("pixel-ap", "pixel-auroc"), ScoreKind.ENERGY);
    }
}

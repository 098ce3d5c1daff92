package org.dhad.engine;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.dhad.api.backbone.FreezePolicy;

/**
 * The offline demo: a small randomly initialised DeepLabV3 (ResNet-18, width 0.25, output stride 8)
 * trained from scratch on the built-in synthetic dataset with synthetic mask-shaped negatives and the
 * paper's loss weights. Train and evaluate finish in a few minutes on two CPU cores.
 */
public final class DemoExperiment {

    /** The demo's experiment name (and run folder name). */
    public static final String NAME = "demo";

    private DemoExperiment() {
    }

    /** The demo experiment. */
    public static ExperimentSpec spec() {
        Map<String, Double> loss = new LinkedHashMap<>();
        loss.put("inlier-posterior", 1.0);
        loss.put("outlier-posterior", 0.03);
        loss.put("outlier-energy", 0.03);
        return new ExperimentSpec(NAME,
                new PluginChoice("deeplabv3", Map.of("depth", "18", "width", "0.25", "output-stride", "8")), null,
                PluginChoice.of("synthetic"), List.of(), PluginChoice.of("synthetic"), PasteSpec.defaults(PasteMode.MASK),
                loss, FreezePolicy.NONE, new Schedule(6, 8, 96, 1e-3, 1.0, 1e-5, 2), 0L,
                List.of("pixel-auroc", "pixel-fpr95", "pixel-ap"), ScoreKind.HYBRID);
    }
}

package org.dhad.backbone.deeplabv3.internal;

import java.util.List;
import java.util.Objects;

import org.dhad.api.PluginException;
import org.dhad.api.Provider;
import org.dhad.api.SettingDescriptor;
import org.dhad.api.Settings;
import org.dhad.api.backbone.Backbone;
import org.dhad.api.backbone.HybridNetwork;
import org.dhad.djl.TorchRuntime;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The {@value #ID} backbone: DeepLabV3 on a dilated ResNet (torchvision's {@code deeplabv3_resnet50/101}
 * layout, plus ResNet-18 and a width multiplier for quick runs) with an outlier head.
 */
@Component(service = Backbone.class, property = Provider.ID_PROPERTY + "=" + DeepLabV3Backbone.ID)
public final class DeepLabV3Backbone implements Backbone {

    /** The provider id. */
    public static final String ID = "deeplabv3";
    static final String DEPTH = "depth";
    static final String OUTPUT_STRIDE = "output-stride";
    static final String CLASSES = "classes";
    static final String WIDTH = "width";

    private static final List<SettingDescriptor> SETTINGS = List.of(
            SettingDescriptor.choice(DEPTH, "ResNet depth", "50", List.of("18", "50", "101"),
                    "ResNet depth: 50 or 101 as in torchvision (Bottleneck units), 18 for fast runs (BasicBlock)."),
            SettingDescriptor.choice(OUTPUT_STRIDE, "Output stride", "8", List.of("8", "16"),
                    "Input size over feature size: 8 dilates ResNet stages 3 and 4 (ASPP rates 12/24/36), "
                            + "16 only stage 4 (rates 6/12/18)."),
            SettingDescriptor.integer(CLASSES, "Classes", 21, 1, 10_000,
                    "Number of class logits C (21 for torchvision's Pascal VOC weights)."),
            SettingDescriptor.decimal(WIDTH, "Width multiplier", 1.0, 0.03125, 4.0,
                    "Multiplier of every channel count; 1.0 gives torchvision's shapes, 0.25 a tiny demo network."));

    /**
     * @param runtime not used directly: the reference only makes DS wait until the PyTorch engine has
     *                started, because the first DJL call must not start it outside the djl bundle
     */
    @Activate
    public DeepLabV3Backbone(@Reference TorchRuntime runtime) {
        Objects.requireNonNull(runtime, "runtime");
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String displayName() {
        return "DeepLabV3 (dilated ResNet)";
    }

    @Override
    public String description() {
        return "DeepLabV3 with ASPP on a dilated ResNet-18/50/101, laid out like torchvision's "
                + "deeplabv3_resnet50, with an outlier head (BN-ReLU-Conv 1x1) beside the class head.";
    }

    @Override
    public List<SettingDescriptor> settings() {
        return SETTINGS;
    }

    @Override
    public HybridNetwork create(Settings settings) throws PluginException {
        Objects.requireNonNull(settings, "settings");
        List<String> problems = settings.validate();
        if (!problems.isEmpty()) {
            throw new PluginException(String.join("; ", problems));
        }
        try {
            Architecture architecture = new Architecture(Integer.parseInt(settings.getString(DEPTH)),
                    Integer.parseInt(settings.getString(OUTPUT_STRIDE)), settings.getInt(CLASSES),
                    settings.getDouble(WIDTH));
            return new DeepLabV3Network(architecture);
        } catch (IllegalArgumentException e) {
            throw new PluginException(ID + ": " + e.getMessage(), e);
        }
    }
}

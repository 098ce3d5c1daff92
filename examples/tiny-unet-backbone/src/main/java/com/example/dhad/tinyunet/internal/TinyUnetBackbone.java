package com.example.dhad.tinyunet.internal;

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

/** The {@value #ID} backbone: a two-level U-Net with group normalisation, about 30k parameters at width 8. */
@Component(service = Backbone.class, property = Provider.ID_PROPERTY + "=" + TinyUnetBackbone.ID)
public final class TinyUnetBackbone implements Backbone {

    /** The provider id. */
    public static final String ID = "tiny-unet";
    static final String WIDTH = "width";
    static final String CLASSES = "classes";

    private static final List<SettingDescriptor> SETTINGS = List.of(
            SettingDescriptor.integer(WIDTH, "Width", 8, 2, 64,
                    "Channels of the first level; the second has twice, the bottleneck four times as many."),
            SettingDescriptor.integer(CLASSES, "Classes", 4, 1, 1000,
                    "Number of class logits C, read by the method as an unnormalised log-density."));

    /**
     * @param runtime not used directly: the reference makes DS wait until the product's PyTorch engine
     *                has started, because the first DJL call must not start it from this bundle
     */
    @Activate
    public TinyUnetBackbone(@Reference TorchRuntime runtime) {
        Objects.requireNonNull(runtime, "runtime");
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String displayName() {
        return "Tiny U-Net";
    }

    @Override
    public String description() {
        return "A small U-Net (two down-sampling levels, group normalisation) with class and outlier heads; "
                + "trains from scratch in seconds on CPU, for quick experiments on small images.";
    }

    @Override
    public List<SettingDescriptor> settings() {
        return SETTINGS;
    }

    @Override
    public HybridNetwork create(Settings settings) throws PluginException {
        List<String> problems = settings.validate();
        if (!problems.isEmpty()) {
            throw new PluginException(String.join("; ", problems));
        }
        return new TinyUnetNetwork(settings.getInt(WIDTH), settings.getInt(CLASSES));
    }
}

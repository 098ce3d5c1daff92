package org.dhad.backbone.torchscript.internal;

import java.nio.file.Path;
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
 * The {@value #ID} backbone: any segmentation or feature network traced with {@code torch.jit.trace},
 * with DenseHybridAD's heads on the output the settings point at.
 */
@Component(service = Backbone.class, property = Provider.ID_PROPERTY + "=" + TorchScriptBackbone.ID)
public final class TorchScriptBackbone implements Backbone {

    /** The provider id. */
    public static final String ID = "torchscript";
    static final String FILE = "file";
    static final String FEATURE_OUTPUT = "feature-output";
    static final String CLASSES_OUTPUT = "classes-output";
    static final String CLASSES = "classes";
    static final String FEATURE_CHANNELS = "feature-channels";
    static final String NORMALIZE = "normalize";

    private static final List<SettingDescriptor> SETTINGS = List.of(
            SettingDescriptor.path(FILE, "TorchScript file", null,
                    "A module saved with torch.jit.trace(...).save(FILE); torch.jit.script files of newer torch "
                            + "versions may not load in libtorch 2.7.1."),
            SettingDescriptor.integer(FEATURE_OUTPUT, "Feature output", 0, 0, 63,
                    "Index of the module output that is the feature map [N,F,h,w] the outlier head reads."),
            SettingDescriptor.integer(CLASSES_OUTPUT, "Class-logits output", -1, -1, 63,
                    "Index of the module output holding class logits [N,C,h,w]; -1: the module has none and the "
                            + "network adds a class head (BN-ReLU-Conv 1x1) on the feature map."),
            SettingDescriptor.integer(CLASSES, "Classes", 21, 1, 10_000,
                    "Number of class logits C: of the added class head, or the channel count the module's "
                            + "class output must have."),
            SettingDescriptor.integer(FEATURE_CHANNELS, "Feature channels", 0, 0, 100_000,
                    "Channels F of the feature map; 0: found by running the module once on a 1x3x64x64 input, "
                            + "otherwise checked against that run."),
            SettingDescriptor.bool(NORMALIZE, "ImageNet normalisation", true,
                    "Whether images in [0,1] are normalised with ImageNet mean and standard deviation before "
                            + "the module; false when the traced module normalises itself."));

    /**
     * @param runtime not used directly: the reference makes DS wait until the PyTorch engine has started,
     *                because the first DJL call must not start it outside the djl bundle
     */
    @Activate
    public TorchScriptBackbone(@Reference TorchRuntime runtime) {
        Objects.requireNonNull(runtime, "runtime");
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String displayName() {
        return "TorchScript module (traced)";
    }

    @Override
    public String description() {
        return "A network traced with torch.jit.trace, trained in place, with an outlier head (BN-ReLU-Conv 1x1) "
                + "on its feature map and its own class logits or an added class head.";
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
        Path file = settings.getPath(FILE).orElseThrow(
                () -> new PluginException(ID + ": setting 'file' is empty; expected a TorchScript file"));
        int featureOutput = settings.getInt(FEATURE_OUTPUT);
        int classesOutput = settings.getInt(CLASSES_OUTPUT);
        if (classesOutput == featureOutput) {
            throw new PluginException(ID + ": 'classes-output' and 'feature-output' are both " + featureOutput
                    + "; expected two different outputs of " + file);
        }
        TracedModule module = TracedModule.load(file);
        try {
            TracedModule.Probe probe = module.probe(featureOutput, classesOutput, settings.getBoolean(NORMALIZE));
            int channels = settings.getInt(FEATURE_CHANNELS);
            if (channels > 0 && channels != probe.featureChannels()) {
                throw new PluginException(ID + ": " + file + " gives " + probe.featureChannels()
                        + " feature channels at output " + featureOutput + " but 'feature-channels' is " + channels);
            }
            int classes = settings.getInt(CLASSES);
            if (classesOutput >= 0 && probe.classChannels() != classes) {
                throw new PluginException(ID + ": " + file + " gives " + probe.classChannels()
                        + " class logits at output " + classesOutput + " but 'classes' is " + classes);
            }
            return new TorchScriptNetwork(module, featureOutput, classesOutput, classes, probe.featureChannels(),
                    settings.getBoolean(NORMALIZE));
        } catch (PluginException | RuntimeException e) {
            module.close();
            throw e;
        }
    }
}

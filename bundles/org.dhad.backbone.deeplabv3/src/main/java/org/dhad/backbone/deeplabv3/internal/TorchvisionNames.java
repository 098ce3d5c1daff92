package org.dhad.backbone.deeplabv3.internal;

import java.util.Optional;

/**
 * The one place where torchvision's state_dict names meet this network's DJL parameter names.
 * <p>
 * Module paths are the same with {@code .} for {@code _} (no module or parameter name of this network
 * contains an underscore, so the mapping is one to one); batch-norm {@code weight, bias, running_mean,
 * running_var} are DJL's {@code gamma, beta, runningMean, runningVar}. torchvision's
 * {@code num_batches_tracked}, {@code aux_classifier.*} (DeepLabV3's training-only auxiliary head) and
 * {@code fc.*} (ImageNet classifier) have no counterpart and are ignored.
 */
final class TorchvisionNames {

    /** How a file's names are laid out. */
    enum Layout {
        /** torchvision {@code deeplabv3_resnet50/101}: {@code backbone.*}, {@code classifier.*}. */
        DEEPLABV3,
        /** torchvision {@code resnet50/101} ImageNet weights: {@code conv1.*, bn1.*, layer1..4.*, fc.*}. */
        RESNET
    }

    /** The prefix ResNet names get inside DeepLabV3. */
    static final String BACKBONE = "backbone.";

    private TorchvisionNames() {
    }

    /**
     * The torchvision name of a DJL parameter, in the {@link Layout#DEEPLABV3} layout: {@code
     * backbone_bn1_runningMean} is {@code backbone.bn1.running_mean}.
     */
    static String torchName(String djlName) {
        int cut = djlName.lastIndexOf('_');
        if (cut < 0) {
            throw new IllegalArgumentException("Parameter name '" + djlName + "' has no module path");
        }
        String module = djlName.substring(0, cut).replace('_', '.');
        String leaf = switch (djlName.substring(cut + 1)) {
            case "gamma" -> "weight";
            case "beta" -> "bias";
            case "runningMean" -> "running_mean";
            case "runningVar" -> "running_var";
            default -> djlName.substring(cut + 1);
        };
        return module + "." + leaf;
    }

    /** The layout of a file that holds {@code name}, judged by a name that only one layout has. */
    static Optional<Layout> layoutOf(String name) {
        if (name.startsWith(BACKBONE) || name.startsWith("classifier.") || name.startsWith("aux_classifier.")) {
            return Optional.of(Layout.DEEPLABV3);
        }
        if (name.startsWith("conv1.") || name.startsWith("bn1.") || name.startsWith("layer")
                || name.startsWith("fc.")) {
            return Optional.of(Layout.RESNET);
        }
        return Optional.empty();
    }

    /**
     * A file name in the {@link Layout#DEEPLABV3} layout, or empty when the tensor has no counterpart and
     * is to be ignored.
     */
    static Optional<String> normalise(String fileName, Layout layout) {
        if (fileName.endsWith(".num_batches_tracked") || fileName.startsWith("aux_classifier.")) {
            return Optional.empty();
        }
        if (layout == Layout.RESNET) {
            return fileName.startsWith("fc.") ? Optional.empty() : Optional.of(BACKBONE + fileName);
        }
        return Optional.of(fileName);
    }

    /** Whether the DJL parameter belongs to the part a file of {@code layout} can provide. */
    static boolean provides(Layout layout, String djlName) {
        if (djlName.startsWith("outlier_")) {
            return false; // DenseHybridAD's own head: never pretrained
        }
        return layout == Layout.DEEPLABV3 || djlName.startsWith("backbone_");
    }
}

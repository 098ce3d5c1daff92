package org.dhad.backbone.deeplabv3.internal;

import java.util.List;

/**
 * What a DeepLabV3 network looks like: ResNet depth, output stride, number of classes and a channel-width
 * multiplier. With width 1.0 the shapes are torchvision's {@code deeplabv3_resnet50/101}.
 *
 * @param depth        18 (BasicBlock), 50 or 101 (Bottleneck)
 * @param outputStride 8 or 16: input size over backbone feature size
 * @param classes      number of class logits C
 * @param width        multiplier of every channel count, for tiny demo networks
 */
record Architecture(int depth, int outputStride, int classes, double width) {

    Architecture {
        if (depth != 18 && depth != 50 && depth != 101) {
            throw new IllegalArgumentException("ResNet depth " + depth + " is not supported; expected 18, 50 or 101");
        }
        if (outputStride != 8 && outputStride != 16) {
            throw new IllegalArgumentException("Output stride " + outputStride + " is not supported; expected 8 or 16");
        }
        if (classes < 1) {
            throw new IllegalArgumentException("Number of classes must be at least 1, got " + classes);
        }
        if (!(width > 0) || Double.isInfinite(width)) {
            throw new IllegalArgumentException("Width multiplier must be a positive number, got " + width);
        }
    }

    /** Whether the units are Bottlenecks (expansion 4) rather than BasicBlocks. */
    boolean bottleneck() {
        return depth >= 50;
    }

    /** Residual units per stage (layer1..layer4). */
    List<Integer> unitsPerStage() {
        return switch (depth) {
            case 18 -> List.of(2, 2, 2, 2);
            case 50 -> List.of(3, 4, 6, 3);
            default -> List.of(3, 4, 23, 3);
        };
    }

    /**
     * torchvision's {@code replace_stride_with_dilation} for layer2..layer4: output stride 8 dilates
     * layer3 and layer4, output stride 16 only layer4.
     */
    List<Boolean> dilateStage() {
        return outputStride == 8 ? List.of(false, true, true) : List.of(false, false, true);
    }

    /** ASPP atrous rates. */
    List<Integer> atrousRates() {
        return outputStride == 8 ? List.of(12, 24, 36) : List.of(6, 12, 18);
    }

    /** {@code base} channels scaled by the width multiplier, at least 1. */
    int channels(int base) {
        return Math.max(1, (int) Math.round(base * width));
    }

    /** Channels of the backbone's output (2048 for ResNet-50/101 and 512 for ResNet-18 at width 1). */
    int backboneChannels() {
        return channels(512) * (bottleneck() ? 4 : 1);
    }
}

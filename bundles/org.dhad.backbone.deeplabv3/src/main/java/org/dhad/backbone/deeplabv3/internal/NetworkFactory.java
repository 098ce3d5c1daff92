package org.dhad.backbone.deeplabv3.internal;

import java.util.List;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.pooling.Pool;

import org.dhad.djl.PointwiseConvolution;

/** Builds the parts of a DeepLabV3 network with torchvision's module names. */
final class NetworkFactory {

    private NetworkFactory() {
    }

    /**
     * torchvision's dilated ResNet without {@code avgpool} and {@code fc}: {@code conv1, bn1, relu,
     * maxpool, layer1..layer4}.
     */
    static NamedSequence resnet(Architecture a) {
        NamedSequence net = new NamedSequence();
        int stem = a.channels(64);
        net.add("conv1", Convolutions.conv(stem, 7, 2, 1, false));
        net.add("bn1", new FreezableBatchNorm());
        net.add("relu", Elementwise.relu());
        net.add("maxpool", Pool.maxPool2dBlock(new Shape(3, 3), new Shape(2, 2), new Shape(1, 1)));
        int inChannels = stem;
        int dilation = 1;
        int expansion = a.bottleneck() ? 4 : 1;
        int[] planes = {64, 128, 256, 512};
        for (int stage = 0; stage < 4; stage++) {
            int stride = stage == 0 ? 1 : 2;
            int previousDilation = dilation;
            if (stage > 0 && a.dilateStage().get(stage - 1)) {
                dilation *= stride;
                stride = 1;
            }
            int width = a.channels(planes[stage]);
            NamedSequence layer = new NamedSequence();
            int units = a.unitsPerStage().get(stage);
            for (int unit = 0; unit < units; unit++) {
                // as torchvision's _make_layer: the first unit keeps the previous dilation
                layer.add(Integer.toString(unit), new ResidualUnit(a.bottleneck(), inChannels, width,
                        unit == 0 ? stride : 1, unit == 0 ? previousDilation : dilation));
                inChannels = width * expansion;
            }
            net.add("layer" + (stage + 1), layer);
        }
        return net;
    }

    /**
     * torchvision's {@code DeepLabHead}: {@code 0} ASPP, {@code 1} 3x3 convolution, {@code 2} batch norm,
     * {@code 3} ReLU, {@code 4} 1x1 convolution to the class logits.
     */
    static NamedSequence classifier(Architecture a) {
        int out = a.channels(256);
        return new NamedSequence()
                .add("0", aspp(a))
                .add("1", Convolutions.conv(out, 3, 1, 1, false))
                .add("2", new FreezableBatchNorm())
                .add("3", Elementwise.relu())
                .add("4", Convolutions.conv(a.classes(), 1, 1, 1, true));
    }

    /** The outlier head on the classifier's 3x3 features: {@code 0} batch norm, {@code 1} ReLU, {@code 2} 1x1 convolution to one logit
     * (a {@link PointwiseConvolution}, as in the torchscript backbone). */
    static NamedSequence outlierHead() {
        return new NamedSequence()
                .add("0", new FreezableBatchNorm())
                .add("1", Elementwise.relu())
                .add("2", new PointwiseConvolution(1));
    }

    /** torchvision's {@code ASPP}: {@code convs} (1x1, three dilated 3x3, image pooling) and {@code project}. */
    static NamedSequence aspp(Architecture a) {
        int out = a.channels(256);
        ConcatBranches convs = new ConcatBranches();
        convs.add("0", convBnRelu(out, 1, 1));
        List<Integer> rates = a.atrousRates();
        for (int i = 0; i < rates.size(); i++) {
            convs.add(Integer.toString(i + 1), convBnRelu(out, 3, rates.get(i)));
        }
        convs.add(Integer.toString(rates.size() + 1), new AsppPooling(out));
        Block project = new NamedSequence()
                .add("0", Convolutions.conv(out, 1, 1, 1, false))
                .add("1", new FreezableBatchNorm())
                .add("2", Elementwise.relu())
                .add("3", new FreezableDropout(0.5f));
        return new NamedSequence().add("convs", convs).add("project", project);
    }

    private static NamedSequence convBnRelu(int out, int kernel, int dilation) {
        return new NamedSequence()
                .add("0", Convolutions.conv(out, kernel, 1, dilation, false))
                .add("1", new FreezableBatchNorm())
                .add("2", Elementwise.relu());
    }
}

package org.dhad.backbone.deeplabv3.internal;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;

/** Square 2-D convolutions with torchvision's padding rule ({@code padding = dilation * (kernel - 1) / 2}). */
final class Convolutions {

    private Convolutions() {
    }

    /**
     * @param filters  output channels
     * @param kernel   kernel side (1, 3 or 7)
     * @param stride   stride on both axes
     * @param dilation dilation on both axes
     * @param bias     whether the convolution has a bias
     */
    static Conv2d conv(int filters, int kernel, int stride, int dilation, boolean bias) {
        long padding = (long) dilation * (kernel - 1) / 2;
        Conv2d.Builder builder = Conv2d.builder()
                .setFilters(filters)
                .setKernelShape(new Shape(kernel, kernel))
                .optStride(new Shape(stride, stride))
                .optPadding(new Shape(padding, padding))
                .optDilation(new Shape(dilation, dilation))
                .optBias(bias);
        return dilation > 1 && kernel > 1 ? new AtrousConvolution(builder) : builder.build();
    }
}

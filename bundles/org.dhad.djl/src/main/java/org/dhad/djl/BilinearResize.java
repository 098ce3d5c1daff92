package org.dhad.djl;

import ai.djl.ndarray.NDArray;

/**
 * Bilinear resizing of {@code [N,C,H,W]} maps as PyTorch's
 * {@code F.interpolate(x, size, mode="bilinear", align_corners=False)}, differentiable.
 * <p>
 * DJL 0.36 reaches {@code torch::nn::functional::interpolate} through
 * {@code NDArrayEx.interpolation(size, mode, alignCorners)}; mode {@value #BILINEAR} is bilinear (the
 * engine maps it to libtorch's {@code kBilinear}), and the PyTorch engine always passes
 * {@code align_corners=false}, whatever the flag says. Its native code also sets {@code antialias=true}:
 * upsampling (all this network does) is then exactly {@code F.interpolate}'s bilinear, but downsampling is
 * antialiased (Pillow-like), unlike PyTorch's default. The backbones resize their logits to the input's size
 * with it (and DeepLabV3 its pooled ASPP branch), all upsampling.
 */
public final class BilinearResize {

    /** DJL's interpolation mode for bilinear ({@code Image.Interpolation.BILINEAR}). */
    private static final int BILINEAR = 1;

    private BilinearResize() {
    }

    /** {@code x} resized to {@code height x width}; {@code x} itself when it already has that size. */
    public static NDArray resize(NDArray x, long height, long width) {
        if (x.getShape().dimension() != 4) {
            throw new IllegalArgumentException("Bilinear resize expects [N,C,H,W], got " + x.getShape());
        }
        if (x.getShape().get(2) == height && x.getShape().get(3) == width) {
            return x;
        }
        return x.getNDArrayInternal().interpolation(new long[] {height, width}, BILINEAR, false);
    }
}

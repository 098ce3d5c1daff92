package org.dhad.backbone.deeplabv3.internal;

import java.util.function.Function;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * A dilated convolution with "same" padding, run where libtorch 2.7.1 is fast at it: it leaves out the kernel
 * taps which, at the size of the input it is given, read nothing but padding, and convolves with the taps left
 * over on a channels-last copy of the input (see {@link #channelsLast}), which blocks that feed one input to several
 * such convolutions share ({@link ChannelsLastCopies}).
 * <p>
 * The ASPP branches dilate by 12, 24 and 36 (6, 12, 18 at output stride 16) over feature maps of 32x32 for
 * 256-pixel inputs and 12x12 for the demo's 96: there a tap 36 pixels off centre never meets the map, so a
 * rate-36 3x3 convolution is exactly its centre 1x1 convolution, at a ninth of the work. On the usual layout
 * libtorch 2.7.1 runs dilated convolutions through oneDNN's im2col GEMM over all nine taps: about 400 ms for each
 * ASPP branch of a 2 s DeepLabV3-ResNet50 forward (batch 4, 256x256, 2-core AMD EPYC). With the rate-36 branch
 * reduced, the forward took 1.52 s; with the convolutions that keep all taps (ASPP rates 12 and 24, ResNet stages
 * 3 and 4) also channels-last, 1.15 s (PyTorch 2.13 eager, the same network: 1.1-1.25 s).
 * <p>
 * The result is the same function: the taps left out multiply zeros only, in the forward pass and in both
 * gradients, and their weights receive a zero gradient through the slice, as they do from the full
 * convolution. Only the order of the floating-point sums may differ. Parameters and metadata are
 * {@link Conv2d}'s, so weight files and checkpoints are unchanged.
 */
final class AtrousConvolution extends Conv2d {

    AtrousConvolution(Conv2d.Builder builder) {
        super(builder);
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        Shape in = x.getShape();
        if (in.dimension() != 4) {
            return super.forwardInternal(store, inputs, training, params);
        }
        long centreRow = kernelShape.get(0) / 2;
        long centreColumn = kernelShape.get(1) / 2;
        long rows = taps(0, in.get(2));
        long columns = taps(1, in.get(3));
        if (rows < centreRow || columns < centreColumn) {
            NDArray w = store.getValue(weight, x.getDevice(), training).get(new NDIndex(":, :, {}:{}, {}:{}",
                    centreRow - rows, centreRow + rows + 1, centreColumn - columns, centreColumn + columns + 1));
            NDArray b = includeBias ? store.getValue(bias, x.getDevice(), training) : null;
            NDList y = Conv2d.conv2d(x, w, b, stride, new Shape(rows * dilation.get(0), columns * dilation.get(1)),
                    new Shape(rows == 0 ? 1 : dilation.get(0), columns == 0 ? 1 : dilation.get(1)), groups);
            w.close(); // a view in the model's manager: one more per forward for the model's lifetime otherwise
            return y;
        }
        if (stride.get(0) != 1 || stride.get(1) != 1) {
            return super.forwardInternal(store, inputs, training, params);
        }
        // Frozen weights (scoring, and the layers freeze ALL or BACKBONE holds) with an input that needs no
        // gradient: nothing here is differentiated. DJL's hasGradient() is false for an intermediate activation
        // that does need one (it asks for a leaf), so the weights decide: a frozen group follows only frozen ones.
        boolean constant = !weight.requiresGradient() && !x.hasGradient();
        ChannelsLastCopies shared = ChannelsLastCopies.in(params);
        NDArray channelsLast = shared == null ? channelsLast(x, constant) : shared.of(x, constant);
        NDArray y = super.forwardInternal(store, new NDList(channelsLast), training, params).singletonOrThrow();
        if (shared == null) {
            channelsLast.close();
        }
        Shape out = y.getShape();
        if (!constant) {
            NDArray copy = y.flatten();
            y.close();
            return new NDList(reshape(copy, out));
        }
        // each image's channels-last [H*W, C] block, read as [C, H*W], is a transposed 2-D matrix
        NDArray contiguous = copyImages(y, new Shape(out.get(0), out.get(1), out.get(2) * out.get(3)),
                image -> image.reshape(out.get(1), out.get(2) * out.get(3)));
        y.close();
        return new NDList(reshape(contiguous, out));
    }

    /**
     * {@code x} with its values laid out channel after channel for each pixel (PyTorch's {@code channels_last}),
     * shape and values unchanged. libtorch 2.7.1 gives a convolution on such an input to oneDNN's brgemm kernels,
     * which handle dilation; on the usual layout it runs dilated convolutions through im2col and a GEMM. The result
     * is made contiguous again before it leaves the block, and only stride-1 convolutions take this path: in
     * oneDNN 3.7.1, channels-last 1x1 convolutions from 512 to 1024 or 2048 channels (ResNet-50's stage 3 and 4)
     * divide by zero in the brgemm blocking (a SIGFPE that ends the JVM), and a stride-2 1x1 convolution (256 to
     * 512 channels, 64x64) gave wrong outputs. The dilated stride-1 3x3 shapes of this network were checked
     * against the usual layout, forward and both gradients, capped at AVX2 and not (see the test).
     */
    static NDArray channelsLast(NDArray x, boolean constant) {
        Shape s = x.getShape();
        long pixels = s.get(2) * s.get(3);
        NDArray copy;
        if (!constant) {
            // flatten copies the NHWC view into one buffer
            NDArray nhwc = x.transpose(0, 2, 3, 1);
            copy = nhwc.flatten();
            nhwc.close();
        } else {
            copy = copyImages(x, new Shape(s.get(0), pixels, s.get(1)), image -> {
                NDArray matrix = image.reshape(s.get(1), pixels);
                NDArray transposed = matrix.transpose();
                matrix.close();
                return transposed;
            });
        }
        NDArray packed = reshape(copy, new Shape(s.get(0), s.get(2), s.get(3), s.get(1)));
        NDArray view = packed.transpose(0, 3, 1, 2); // a view with NHWC strides
        packed.close();
        return view;
    }

    /**
     * A new array of {@code shape} whose image {@code n} holds {@code matrix(x[n])}, a transposed 2-D view. libtorch
     * copies a transposed matrix into a contiguous one block by block, in cache; the same values moved as one
     * 4-D permutation go element by element with strides of whole feature maps: 30 ms against 7 for the ASPP's
     * input (4x2048x32x32, PyTorch on this machine's kind), twice per forward. Only where no gradient flows:
     * autograd would take each image apart again, with a zero-filled array per image, in the backward pass
     * (freeze NONE: 80 such selections and 70 ms more per step).
     */
    private static NDArray copyImages(NDArray x, Shape shape, Function<NDArray, NDArray> matrix) {
        NDArray copy = x.getManager().create(shape, x.getDataType(), x.getDevice());
        for (long n = 0; n < shape.get(0); n++) {
            NDArray image = x.get(n);
            NDArray view = matrix.apply(image);
            copy.set(new NDIndex(n), view);
            view.close();
            image.close();
        }
        return copy;
    }

    /**
     * {@code array} reshaped, and {@code array} closed: every array in between is closed at once, since a view's
     * handle left open would keep its buffer (a copy as large as the activation) until the step's manager closes.
     */
    private static NDArray reshape(NDArray array, Shape shape) {
        NDArray reshaped = array.reshape(shape);
        array.close();
        return reshaped;
    }

    /**
     * How many taps on each side of the centre of {@code axis} can meet an input of {@code size}: tap j reads
     * {@code j * dilation} pixels off the output position, which stays inside the input only while it is below
     * {@code size}. All of them (half the kernel) where the padding is not the "same" padding this reasoning
     * assumes, or the kernel has no centre.
     */
    private long taps(int axis, long size) {
        long kernel = kernelShape.get(axis);
        long d = dilation.get(axis);
        long half = kernel / 2;
        if (kernel % 2 == 0 || padding.get(axis) != d * half) {
            return half;
        }
        return Math.min(half, (size - 1) / d);
    }
}

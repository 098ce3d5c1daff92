package org.dhad.djl;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * A 1x1 convolution with bias, {@code [N,C,H,W] -> [N,K,H,W]}, computed as a product and a sum over the
 * channels, for heads with few outputs (it holds an {@code [N,K,C,H,W]} intermediate). Parameters
 * are those of DJL's {@code Conv2d}: {@code weight [K,C,1,1]} and {@code bias [K]}, so checkpoints and
 * weight files name them the same way.
 * <p>
 * Why not {@code Conv2d}: it was written when the outlier head's gradients were garbage in some processes,
 * on the suspicion that oneDNN's one-output-channel kernel ({@code jit_1x1:avx2}) caused it. The cause
 * was elsewhere (DJL arithmetic with Java numbers in the loss read freed memory in the backward pass; see
 * the README, Reproducibility). It stays because the outlier heads' checkpoints hold its metadata: a
 * switch back to {@code Conv2d} would make every existing run's checkpoints unreadable.
 */
public final class PointwiseConvolution extends AbstractBlock {

    private static final byte VERSION = 1;

    private final int filters;
    private final Parameter weight;
    private final Parameter bias;
    private long channels = -1;

    /** @param filters output channels K */
    public PointwiseConvolution(int filters) {
        super(VERSION);
        this.filters = filters;
        weight = addParameter(Parameter.builder().setName("weight").setType(Parameter.Type.WEIGHT).build());
        bias = addParameter(Parameter.builder().setName("bias").setType(Parameter.Type.BIAS).build());
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        Shape shape = x.getShape();
        if (shape.dimension() != 4 || shape.get(1) != channels) {
            throw new IllegalArgumentException("1x1 convolution expects [N," + channels + ",H,W], got " + shape);
        }
        var device = x.getDevice();
        // The reshaped views belong to the parameters' manager, the model's: left open, two more would stay there
        // with every forward until the model closes. The intermediates are closed as soon as they are read.
        NDArray w = store.getValue(weight, device, training).reshape(1, filters, channels, 1, 1);
        NDArray expanded = x.expandDims(1);
        // [N,1,C,H,W] * [1,K,C,1,1] summed over C: PyTorch's own elementwise and reduction kernels
        NDArray products = expanded.mul(w);
        expanded.close();
        w.close();
        NDArray sums = products.sum(new int[] {2});
        products.close();
        NDArray b = store.getValue(bias, device, training).reshape(1, filters, 1, 1);
        NDArray y = sums.add(b);
        sums.close();
        b.close();
        return new NDList(y);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape in = inputShapes[0];
        return new Shape[] {new Shape(in.get(0), filters, in.get(2), in.get(3))};
    }

    @Override
    protected void beforeInitialize(Shape... inputShapes) {
        super.beforeInitialize(inputShapes);
        channels = inputShapes[0].get(1);
    }

    @Override
    public void prepare(Shape[] inputShapes) {
        weight.setShape(new Shape(filters, channels, 1, 1));
        bias.setShape(new Shape(filters));
    }

    @Override
    protected void saveMetadata(DataOutputStream os) throws IOException {
        saveInputShapes(os);
        os.writeLong(channels);
    }

    @Override
    public void loadMetadata(byte loadVersion, DataInputStream is) throws IOException, MalformedModelException {
        if (loadVersion != VERSION) {
            throw new MalformedModelException("PointwiseConvolution: unsupported encoding version " + loadVersion
                    + "; expected " + VERSION);
        }
        readInputShapes(is);
        channels = is.readLong();
    }
}

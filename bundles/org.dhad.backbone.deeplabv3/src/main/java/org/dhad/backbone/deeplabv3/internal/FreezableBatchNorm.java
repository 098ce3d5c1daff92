package org.dhad.backbone.deeplabv3.internal;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * 2-D batch normalisation over the channel axis with torchvision's defaults (eps 1e-5, running statistics
 * updated as {@code 0.9 * running + 0.1 * batch}) that can be held in inference mode.
 * <p>
 * DJL's {@link BatchNorm} uses batch statistics and updates its running statistics whenever the trainer
 * forwards with {@code training=true}, even when its parameters are frozen. A frozen layer of this
 * network must behave as in PyTorch's {@code eval()} mode instead, so this block ignores the training
 * flag while {@link #setInference(boolean) inference} is set. Parameter names and types are those of
 * DJL's {@link BatchNorm}.
 */
final class FreezableBatchNorm extends AbstractBlock implements Freezable {

    private static final byte VERSION = 1;
    /** DJL's momentum is the weight of the old running value: PyTorch's momentum 0.1. */
    private static final float MOMENTUM = 0.9f;
    private static final float EPSILON = 1e-5f;

    private final Parameter gamma;
    private final Parameter beta;
    private final Parameter runningMean;
    private final Parameter runningVar;
    private long channels = -1;
    private volatile boolean inference;

    FreezableBatchNorm() {
        super(VERSION);
        gamma = addParameter(Parameter.builder().setName("gamma").setType(Parameter.Type.GAMMA).build());
        beta = addParameter(Parameter.builder().setName("beta").setType(Parameter.Type.BETA).build());
        runningMean = addParameter(Parameter.builder().setName("runningMean").setType(Parameter.Type.RUNNING_MEAN)
                .optRequiresGrad(false).build());
        runningVar = addParameter(Parameter.builder().setName("runningVar").setType(Parameter.Type.RUNNING_VAR)
                .optRequiresGrad(false).build());
    }

    /** Whether the layer normalises with its running statistics and leaves them unchanged, whatever the trainer says. */
    @Override
    public void setInference(boolean inference) {
        this.inference = inference;
    }

    boolean isInference() {
        return inference;
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        var device = x.getDevice();
        return BatchNorm.batchNorm(x, store.getValue(runningMean, device, training),
                store.getValue(runningVar, device, training), store.getValue(gamma, device, training),
                store.getValue(beta, device, training), 1, MOMENTUM, EPSILON, training && !inference);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }

    @Override
    protected void beforeInitialize(Shape... inputShapes) {
        super.beforeInitialize(inputShapes);
        channels = inputShapes[0].get(1);
    }

    @Override
    public void prepare(Shape[] inputShapes) {
        Shape shape = new Shape(channels);
        gamma.setShape(shape);
        beta.setShape(shape);
        runningMean.setShape(shape);
        runningVar.setShape(shape);
    }

    @Override
    protected void saveMetadata(DataOutputStream os) throws IOException {
        saveInputShapes(os);
        os.writeLong(channels);
    }

    @Override
    public void loadMetadata(byte loadVersion, DataInputStream is) throws IOException, MalformedModelException {
        if (loadVersion != VERSION) {
            throw new MalformedModelException("FreezableBatchNorm: unsupported encoding version " + loadVersion
                    + "; expected " + VERSION);
        }
        readInputShapes(is);
        channels = is.readLong();
    }
}

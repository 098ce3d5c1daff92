package org.dhad.engine.internal;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.optimizer.Optimizer;

/**
 * Adam with a learning-rate factor per parameter (DJL's optimisers have no parameter groups) and a
 * base rate set by the training loop before each step (the cosine schedule). Its state (first and
 * second moments and update count per parameter) is saved and restored by parameter name, because
 * parameter ids differ between two instances of the same network.
 */
final class GroupedAdam extends Optimizer {

    private static final int FORMAT = 1;
    private static final float BETA1 = 0.9f;
    private static final float BETA2 = 0.999f;
    private static final float EPSILON = 1e-8f;

    /** Moments and update count of one parameter. */
    private static final class State {
        NDArray mean;
        NDArray variance;
        int count;
    }

    private final Map<String, String> nameById;
    private final Map<String, Double> factorById;
    private final Map<String, State> stateByName = new HashMap<>();
    private final NDManager stateManager;
    private volatile float learningRate;

    /**
     * @param nameById     parameter id to parameter name, for every parameter that may be updated
     * @param factorById   parameter id to learning-rate factor (missing ids get 1)
     * @param stateManager owns the moment arrays for the optimiser's lifetime
     */
    GroupedAdam(Map<String, String> nameById, Map<String, Double> factorById, NDManager stateManager) {
        super(new Builder());
        this.nameById = Map.copyOf(nameById);
        this.factorById = Map.copyOf(factorById);
        this.stateManager = Objects.requireNonNull(stateManager, "stateManager");
    }

    /** Sets the base learning rate for the following updates. */
    void setLearningRate(float learningRate) {
        this.learningRate = learningRate;
    }

    @Override
    public void update(String parameterId, NDArray weight, NDArray grad) {
        String name = nameById.get(parameterId);
        if (name == null) {
            throw new IllegalStateException("Optimiser got unknown parameter id " + parameterId);
        }
        State state = stateByName.computeIfAbsent(name, n -> {
            State s = new State();
            s.mean = stateManager.zeros(weight.getShape(), weight.getDataType());
            s.variance = stateManager.zeros(weight.getShape(), weight.getDataType());
            return s;
        });
        int t = ++state.count;
        double coef1 = 1.0 - Math.pow(BETA1, t);
        double coef2 = 1.0 - Math.pow(BETA2, t);
        float lr = (float) (learningRate * factorById.getOrDefault(parameterId, 1.0));
        float corrected = (float) (lr * Math.sqrt(coef2) / coef1);
        if (!Float.isFinite(corrected)) {
            throw new IllegalStateException("Learning rate " + lr + " of parameter " + name + " is not finite");
        }
        // The fused update writes weight and moments in place, so no temporary arrays outlive the step.
        weight.getNDArrayInternal().adamUpdate(new NDList(weight, grad, state.mean, state.variance),
                new NDList(weight), lr, corrected, getWeightDecay(), rescaleGrad, clipGrad, BETA1, BETA2, EPSILON,
                true, false);
    }

    /** Writes every parameter's moments and count. */
    void save(DataOutputStream out) throws IOException {
        out.writeInt(FORMAT);
        out.writeInt(stateByName.size());
        for (Map.Entry<String, State> entry : new java.util.TreeMap<>(stateByName).entrySet()) {
            out.writeUTF(entry.getKey());
            out.writeInt(entry.getValue().count);
            writeArray(out, entry.getValue().mean);
            writeArray(out, entry.getValue().variance);
        }
    }

    /** Replaces the state with what {@link #save} wrote. */
    void load(DataInputStream in, String file) throws IOException {
        int format = in.readInt();
        if (format != FORMAT) {
            throw new IOException(file + ": optimiser state format " + format + ", expected " + FORMAT);
        }
        int entries = in.readInt();
        stateByName.values().forEach(s -> {
            s.mean.close();
            s.variance.close();
        });
        stateByName.clear();
        for (int i = 0; i < entries; i++) {
            State state = new State();
            String name = in.readUTF();
            state.count = in.readInt();
            state.mean = readArray(in);
            state.variance = readArray(in);
            stateByName.put(name, state);
        }
    }

    private static void writeArray(DataOutputStream out, NDArray array) throws IOException {
        byte[] bytes = array.encode();
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private NDArray readArray(DataInputStream in) throws IOException {
        byte[] bytes = new byte[in.readInt()];
        in.readFully(bytes);
        return NDArray.decode(stateManager, bytes);
    }

    /** DJL's optimiser base needs a builder; weight decay, clipping and rescaling keep their defaults. */
    private static final class Builder extends OptimizerBuilder<Builder> {
        @Override
        protected Builder self() {
            return this;
        }
    }
}

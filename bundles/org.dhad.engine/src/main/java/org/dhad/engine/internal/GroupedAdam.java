package org.dhad.engine.internal;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import org.dhad.djl.FusedAdam;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import ai.djl.util.PairList;

/**
 * Adam with a learning-rate factor per parameter (DJL's optimisers have no parameter groups) and a
 * base rate set by the training loop before each step (the cosine schedule). The update is libtorch's fused
 * kernel ({@link FusedAdam}), PyTorch's Adam: each group's parameters in one call, in place, gradients zeroed
 * after. Parameters the freeze policy holds and those no gradient reached yet are left alone, as
 * {@code torch.optim.Adam} leaves a parameter whose gradient is None.
 * <p>
 * Its state (first and second moments and update count per parameter) is saved and restored by parameter name,
 * because parameter ids differ between two instances of the same network.
 */
final class GroupedAdam implements AutoCloseable {

    private static final int FORMAT = 1;
    private static final float BETA1 = 0.9f;
    private static final float BETA2 = 0.999f;
    private static final float EPSILON = 1e-8f;
    private static final float WEIGHT_DECAY = 0f;

    /** Moments and update count (a float scalar, as the kernel takes it) of one parameter. */
    private static final class State {
        NDArray mean;
        NDArray variance;
        NDArray count;

        void close() {
            mean.close();
            variance.close();
            count.close();
        }
    }

    private final PairList<String, Parameter> parameters;
    private final Map<String, Double> factorByName;
    private final Map<String, State> stateByName = new HashMap<>();
    private final NDManager stateManager;
    private final FusedAdam kernel;
    private volatile float learningRate;

    /**
     * @param parameters   the network's parameters by name; those that require a gradient at a step are updated
     * @param factorByName parameter name to learning-rate factor (missing names get 1)
     * @param stateManager owns the moment arrays for the optimiser's lifetime, on the parameters' device
     */
    GroupedAdam(PairList<String, Parameter> parameters, Map<String, Double> factorByName, NDManager stateManager) {
        this.parameters = Objects.requireNonNull(parameters, "parameters");
        this.factorByName = Map.copyOf(factorByName);
        this.stateManager = Objects.requireNonNull(stateManager, "stateManager");
        this.kernel = new FusedAdam(stateManager);
    }

    /** Sets the base learning rate for the following updates. */
    void setLearningRate(float learningRate) {
        this.learningRate = learningRate;
    }

    /** One update of every trainable parameter from the gradients the last backward pass left. */
    void step() {
        Map<Double, Group> groups = new TreeMap<>();
        try {
            for (Pair<String, Parameter> entry : parameters) {
                Parameter parameter = entry.getValue();
                if (!parameter.requiresGradient()) {
                    continue;
                }
                NDArray weight = parameter.getArray();
                NDArray gradient = FusedAdam.gradient(weight);
                if (gradient == null) {
                    continue;
                }
                State state = stateByName.computeIfAbsent(entry.getKey(), name -> fresh(weight));
                groups.computeIfAbsent(factorByName.getOrDefault(entry.getKey(), 1.0), f -> new Group())
                        .add(weight, gradient, state);
            }
            for (Map.Entry<Double, Group> group : groups.entrySet()) {
                float lr = (float) (learningRate * group.getKey());
                if (!Float.isFinite(lr)) {
                    throw new IllegalStateException("Learning rate " + learningRate + " x " + group.getKey()
                            + " is not finite");
                }
                Group g = group.getValue();
                kernel.update(g.weights, g.gradients, g.means, g.variances, g.counts, lr, BETA1, BETA2, WEIGHT_DECAY,
                        EPSILON);
            }
        } finally {
            groups.values().forEach(g -> g.gradients.forEach(NDArray::close)); // handles on the gradients
        }
    }

    private State fresh(NDArray weight) {
        State s = new State();
        s.mean = stateManager.zeros(weight.getShape(), weight.getDataType());
        s.variance = stateManager.zeros(weight.getShape(), weight.getDataType());
        s.count = stateManager.create(0f);
        return s;
    }

    /** The parameters updated with one learning rate. */
    private static final class Group {
        final List<NDArray> weights = new ArrayList<>();
        final List<NDArray> gradients = new ArrayList<>();
        final List<NDArray> means = new ArrayList<>();
        final List<NDArray> variances = new ArrayList<>();
        final List<NDArray> counts = new ArrayList<>();

        void add(NDArray weight, NDArray gradient, State state) {
            weights.add(weight);
            gradients.add(gradient);
            means.add(state.mean);
            variances.add(state.variance);
            counts.add(state.count);
        }
    }

    /** Writes every parameter's moments and count. */
    void save(DataOutputStream out) throws IOException {
        out.writeInt(FORMAT);
        out.writeInt(stateByName.size());
        for (Map.Entry<String, State> entry : new java.util.TreeMap<>(stateByName).entrySet()) {
            out.writeUTF(entry.getKey());
            out.writeInt((int) entry.getValue().count.getFloat());
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
        stateByName.values().forEach(State::close);
        stateByName.clear();
        for (int i = 0; i < entries; i++) {
            State state = new State();
            String name = in.readUTF();
            state.count = stateManager.create((float) in.readInt());
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

    @Override
    public void close() {
        kernel.close();
    }
}

package org.dhad.losses.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.dhad.api.loss.LossInputs;
import org.dhad.api.loss.LossTerm;
import org.dhad.djl.TorchRuntime;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDResource;

/**
 * What the pixel loss terms share: id, name and description, and an evaluation scope that frees the
 * intermediate arrays of one evaluation while the autograd graph keeps what backward needs.
 */
abstract class AbstractPixelLossTerm implements LossTerm {

    private final String id;
    private final String displayName;
    private final String description;

    /**
     * @param runtime not used directly: the reference only makes DS wait until the PyTorch engine has
     *                started, because the first DJL call must not start it outside the djl bundle
     */
    AbstractPixelLossTerm(TorchRuntime runtime, String id, String displayName, String description) {
        Objects.requireNonNull(runtime, "runtime");
        this.id = id;
        this.displayName = displayName;
        this.description = description;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String displayName() {
        return displayName;
    }

    @Override
    public String description() {
        return description;
    }

    /**
     * {@inheritDoc}
     * <p>
     * The inputs are attached to a sub-manager for the computation, so every temporary dies with it;
     * the scalar result is moved to the manager of the outlier logits.
     */
    @Override
    public final NDArray evaluate(LossInputs inputs) {
        Objects.requireNonNull(inputs, "inputs");
        NDArray outlierLogits = Objects.requireNonNull(inputs.outlierLogits(), id + ": outlierLogits is null");
        NDManager owner = outlierLogits.getManager();
        try (NDManager scope = owner.newSubManager()) {
            scope.tempAttachAll(present(inputs));
            NDArray result = compute(inputs);
            result.attach(owner);
            return result;
        }
    }

    /**
     * Computes the unweighted scalar term; every array it creates may be closed once it returns.
     *
     * @throws IllegalArgumentException when an input the term needs is missing or has the wrong shape
     */
    protected abstract NDArray compute(LossInputs inputs);

    /** Throws, naming this term and the field, when a needed input is null. */
    protected final NDArray require(NDArray array, String field) {
        if (array == null) {
            throw new IllegalArgumentException(id + ": LossInputs." + field + " is null; this term needs it");
        }
        return array;
    }

    private static NDResource[] present(LossInputs inputs) {
        List<NDResource> arrays = new ArrayList<>(4);
        for (NDArray array : new NDArray[] {inputs.classLogits(), inputs.outlierLogits(), inputs.outlierLabels(),
                inputs.classLabels()}) {
            // by identity: attaching one array twice would make the scope its "original" manager
            if (array != null && arrays.stream().noneMatch(a -> a == array)) {
                arrays.add(array);
            }
        }
        return arrays.toArray(NDResource[]::new);
    }
}

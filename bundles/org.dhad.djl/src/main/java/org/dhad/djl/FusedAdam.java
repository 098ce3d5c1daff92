package org.dhad.djl;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValue;
import ai.djl.pytorch.jni.IValueUtils;
import ai.djl.pytorch.jni.JniUtils;

/**
 * Adam updates by libtorch's fused kernel ({@code torch._fused_adam_}, what {@code torch.optim.Adam(fused=True)}
 * runs): one pass over each parameter reads weight, gradient and both moments and writes weight and moments back.
 * DJL's update path makes about ten passes and six temporaries per parameter (its parameter server duplicates the
 * gradient, its Adam clones it again and composes the update from separate operations): with every ResNet-50
 * parameter trained, about 300 ms of a 3.7 s step on two cores. The update is PyTorch's: bias-corrected moments,
 * epsilon added to the corrected square root.
 * <p>
 * DJL has no call for an operator it does not wrap, so the kernel is reached through a scripted TorchScript
 * function shipped in this bundle ({@code fused-adam.pt}, written by {@code releng/scripts/make-fused-adam.py}).
 */
public final class FusedAdam implements AutoCloseable {

    private static final String FUNCTION = "fused-adam.pt";

    private final PtSymbolBlock function;

    /**
     * Loads the function onto {@code manager}'s device.
     *
     * @throws IllegalStateException if this bundle's copy of the function is missing or libtorch refuses it
     */
    public FusedAdam(NDManager manager) {
        try (InputStream in = FusedAdam.class.getResourceAsStream(FUNCTION)) {
            if (in == null) {
                throw new IllegalStateException("org.dhad.djl lacks its " + FUNCTION + ": the bundle is incomplete");
            }
            function = JniUtils.loadModule((PtNDManager) manager, in, true, false);
        } catch (IOException | EngineException e) {
            throw new IllegalStateException("libtorch cannot load org.dhad.djl's " + FUNCTION + ": " + e.getMessage(),
                    e);
        }
    }

    /**
     * The gradient libtorch holds for {@code weight} (an array sharing it, to close after use), or null where
     * backward has not reached the weight yet. DJL's {@code getGradient()} answers a new array of zeros there,
     * which Adam would take for a gradient.
     */
    public static NDArray gradient(NDArray weight) {
        return JniUtils.getGradient((PtNDArray) weight);
    }

    /**
     * One Adam step of parameters that share a learning rate, in place: each step count goes up by one, the
     * moments and weights are updated ({@code weightDecay} is added to the gradient as an L2 term, as
     * {@code torch.optim.Adam} does, not decoupled as in AdamW), and the gradients are zeroed.
     *
     * @param steps float scalars, one per weight: the updates made so far
     * @param weights float32 arrays; the gradients and moments have their shapes
     * @throws IllegalArgumentException if the lists differ in length, or an array's shape or type does not match
     * @throws EngineException          if libtorch refuses the arrays (devices), with its message
     */
    public void update(List<NDArray> weights, List<NDArray> gradients, List<NDArray> means, List<NDArray> variances,
            List<NDArray> steps, float learningRate, float beta1, float beta2, float weightDecay, float epsilon) {
        int n = weights.size();
        if (gradients.size() != n || means.size() != n || variances.size() != n || steps.size() != n) {
            throw new IllegalArgumentException("Adam update of " + n + " weights got " + gradients.size()
                    + " gradients, " + means.size() + " means, " + variances.size() + " variances and "
                    + steps.size() + " step counts");
        }
        if (n == 0) {
            return;
        }
        // The kernel trusts its lists: a gradient smaller than its weight is read past its end.
        for (int i = 0; i < n; i++) {
            Shape shape = weights.get(i).getShape();
            check(i, "gradient", gradients.get(i), shape);
            check(i, "first moment", means.get(i), shape);
            check(i, "second moment", variances.get(i), shape);
            check(i, "step count", steps.get(i), new Shape());
        }
        IValue[] arguments = {list(weights), list(gradients), list(means), list(variances), list(steps),
            IValue.from((double) learningRate), IValue.from((double) beta1), IValue.from((double) beta2),
            IValue.from((double) weightDecay), IValue.from((double) epsilon)};
        try {
            IValueUtils.runMethod(function, "forward", arguments).close();
        } finally {
            for (IValue argument : arguments) {
                argument.close();
            }
        }
    }

    private static void check(int index, String what, NDArray array, Shape expected) {
        if (!array.getShape().equals(expected) || array.getDataType() != DataType.FLOAT32) {
            throw new IllegalArgumentException("Adam update: the " + what + " of weight " + index + " is "
                    + array.getDataType() + " " + array.getShape() + "; expected float32 " + expected);
        }
    }

    private static IValue list(List<NDArray> arrays) {
        return IValue.listFrom(arrays.stream().map(PtNDArray.class::cast).toArray(PtNDArray[]::new));
    }

    @Override
    public void close() {
        function.close();
    }
}

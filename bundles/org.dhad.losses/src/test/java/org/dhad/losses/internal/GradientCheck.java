package org.dhad.losses.internal;


import org.dhad.api.loss.LossInputs;
import org.dhad.api.loss.LossTerm;
import org.dhad.losses.LossTermIds;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.GradientCollector;

/** Autograd gradients of a term and central finite differences of the same term, for comparison. */
final class GradientCheck {

    private GradientCheck() {
    }

    /** Whether the term's gradient is taken w.r.t. the class logits (else w.r.t. the outlier logits). */
    static boolean differentiatesClassLogits(String id) {
        return id.equals(LossTermIds.OUTLIER_ENERGY) || id.equals(LossTermIds.ENERGY_MARGIN)
                || id.equals(LossTermIds.SEGMENTATION_CE);
    }

    /** The term's value in {@code type}, read as a double. */
    static double value(LossTerm term, Batch batch, DataType type) {
        try (NDManager manager = NDManager.newBaseManager()) {
            return term.evaluate(batch.toInputs(manager, type)).toType(DataType.FLOAT64, false).getDouble();
        }
    }

    /** d term / d input by DJL autograd, with {@code type} arrays, inside a gradient collector. */
    static double[] autograd(Engine engine, LossTerm term, Batch batch, DataType type, boolean wrtClassLogits) {
        return autograd(engine, term, batch, type, wrtClassLogits, () -> { });
    }

    /**
     * As {@link #autograd(Engine, LossTerm, Batch, DataType, boolean)}, running {@code betweenForwardAndBackward}
     * after the term is evaluated and before its backward pass.
     */
    static double[] autograd(Engine engine, LossTerm term, Batch batch, DataType type, boolean wrtClassLogits,
            Runnable betweenForwardAndBackward) {
        try (NDManager manager = NDManager.newBaseManager()) {
            LossInputs inputs = batch.toInputs(manager, type);
            NDArray x = wrtClassLogits ? inputs.classLogits() : inputs.outlierLogits();
            try (GradientCollector collector = engine.newGradientCollector()) {
                x.setRequiresGradient(true);
                NDArray loss = term.evaluate(inputs);
                betweenForwardAndBackward.run();
                collector.backward(loss);
                return x.getGradient().toType(DataType.FLOAT64, false).toDoubleArray();
            }
        }
    }

    /** d term / d input by central differences (f(x + eps) − f(x − eps)) / 2eps, element by element. */
    static double[] centralDifferences(LossTerm term, Batch batch, DataType type, boolean wrtClassLogits,
            double eps) {
        double[] x = wrtClassLogits ? batch.classLogits() : batch.outlierLogits();
        double[] gradient = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            double[] plus = x.clone();
            double[] minus = x.clone();
            plus[i] += eps;
            minus[i] -= eps;
            Batch up = wrtClassLogits ? batch.withClassLogits(plus) : batch.withOutlierLogits(plus);
            Batch down = wrtClassLogits ? batch.withClassLogits(minus) : batch.withOutlierLogits(minus);
            gradient[i] = (value(term, up, type) - value(term, down, type)) / (2 * eps);
        }
        return gradient;
    }
}

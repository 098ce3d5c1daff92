package org.dhad.engine.internal;

import java.util.List;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.loss.Loss;

import org.dhad.api.loss.LossInputs;
import org.dhad.api.loss.LossTerm;

/**
 * The training loss of an experiment: its loss terms, each times its weight, summed in experiment order.
 * The DJL trainer is given this object; a training step asks it for the total to differentiate and for
 * each term's unweighted value (the train log's columns).
 */
final class WeightedLoss extends Loss {

    /** A loss term and its weight. */
    record Term(LossTerm term, double weight) {
    }

    /**
     * One evaluation on a batch.
     *
     * @param total  the weighted sum, a scalar in the inputs' manager
     * @param values each term's unweighted value, in term order
     */
    record Value(NDArray total, float[] values) {
    }

    /** A term that evaluated to NaN or an infinity; training cannot go on from it. */
    static final class NonFiniteTerm extends ArithmeticException {
        private static final long serialVersionUID = 1L;
        private final String termId;
        private final float value;

        NonFiniteTerm(String termId, float value) {
            super("Loss term '" + termId + "' is " + value);
            this.termId = termId;
            this.value = value;
        }

        String termId() {
            return termId;
        }

        float value() {
            return value;
        }
    }

    private final List<Term> terms;

    /** @param terms at least one, in summation order */
    WeightedLoss(List<Term> terms) {
        super("weighted-loss-terms");
        if (terms.isEmpty()) {
            throw new IllegalArgumentException("A weighted loss needs at least one term");
        }
        this.terms = List.copyOf(terms);
    }

    /** The ids of the terms in summation order. */
    List<String> termIds() {
        return terms.stream().map(t -> t.term().id()).toList();
    }

    /**
     * Evaluates the terms that apply to the batch, then their weighted sum. A batch with class labels (from a
     * segmentation source) takes the terms that need them, an anomaly batch every other term; a term that does
     * not apply has the value NaN (an empty point in the log's charts) and no part in the total.
     *
     * @throws NonFiniteTerm naming the first term (in order) whose value is not finite
     * @throws IllegalStateException when no term applies to the batch
     */
    Value evaluate(LossInputs inputs) {
        boolean labelled = inputs.classLabels() != null;
        float[] values = new float[terms.size()];
        NDArray total = null;
        for (int i = 0; i < values.length; i++) {
            Term term = terms.get(i);
            if (term.term().needsClassLabels() != labelled) {
                values[i] = Float.NaN;
                continue;
            }
            NDArray value = term.term().evaluate(inputs);
            values[i] = value.getFloat();
            if (!Float.isFinite(values[i])) {
                throw new NonFiniteTerm(term.term().id(), values[i]);
            }
            // a float weight and the sum from the first term on: runs and their resumes repeat bit for bit.
            // The weight is a tensor libtorch owns: value.mul(float) would build it over a Java buffer that
            // DJL frees on return, while autograd reads it again in the backward pass.
            NDArray weighted = value.mul(value.getManager().full(new Shape(), (float) term.weight(), value.getDataType()));
            total = total == null ? weighted : total.add(weighted);
        }
        if (total == null) {
            throw new IllegalStateException("No loss term applies to a" + (labelled ? " segmentation" : "n anomaly")
                    + " batch; terms: " + termIds());
        }
        return new Value(total, values);
    }

    /** DJL's entry point: labels {outlier labels [N,H,W]}, predictions the network's outputs. */
    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        return evaluate(inputs(predictions, labels.singletonOrThrow())).total();
    }

    /**
     * The loss inputs from a {@link org.dhad.api.backbone.HybridNetwork}'s outputs (class logits
     * {@code [N,C,H,W]}, outlier logits {@code [N,1,H,W]}) and the pasted-pixel labels; anomaly datasets
     * have no class labels.
     */
    static LossInputs inputs(NDList outputs, NDArray outlierLabels) {
        return new LossInputs(outputs.get(0), outputs.get(1).squeeze(1), outlierLabels, null);
    }

    /**
     * The loss inputs of a segmentation batch: its class labels ({@code [N,H,W]}, -1 ignored) and no outlier
     * labels, since no negatives are pasted onto it.
     */
    static LossInputs segmentationInputs(NDList outputs, NDArray classLabels) {
        return new LossInputs(outputs.get(0), outputs.get(1).squeeze(1), null, classLabels);
    }

    /** Whether some term needs class labels, and so a segmentation source. */
    boolean needsClassLabels() {
        return terms.stream().anyMatch(t -> t.term().needsClassLabels());
    }

    /** Whether some term applies to anomaly batches. */
    boolean hasAnomalyTerms() {
        return terms.stream().anyMatch(t -> !t.term().needsClassLabels());
    }
}

package org.dhad.losses.internal;

import org.dhad.api.Provider;
import org.dhad.api.loss.LogSpace;
import org.dhad.api.loss.LossInputs;
import org.dhad.api.loss.LossTerm;
import org.dhad.djl.TorchRuntime;
import org.dhad.losses.LossTermIds;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import ai.djl.ndarray.NDArray;

/**
 * Binary cross-entropy of the outlier head against the outlier labels, mean over all pixels:
 * −mean[y·ln σ(g) + (1 − y)·ln σ(−g)], as in the original DenseHybrid code.
 */
@Component(service = LossTerm.class, property = Provider.ID_PROPERTY + "=" + LossTermIds.DENSEHYBRID_BCE)
public final class DenseHybridBceTerm extends AbstractPixelLossTerm {

    @Activate
    public DenseHybridBceTerm(@Reference TorchRuntime runtime) {
        super(runtime, LossTermIds.DENSEHYBRID_BCE, "Outlier-head cross-entropy",
                "Binary cross-entropy of the outlier head against the pasted-pixel labels, mean over all "
                        + "pixels (the original DenseHybrid code, weighted 10*beta there).");
    }

    @Override
    protected NDArray compute(LossInputs inputs) {
        NDArray logits = inputs.outlierLogits();
        NDArray labels = require(inputs.outlierLabels(), "outlierLabels");
        PixelMasks.requirePixelShape(id(), "outlierLabels", labels, logits);
        // labels used as given (not thresholded), so soft labels from resized masks stay soft
        NDArray y = labels.toType(logits.getDataType(), false);
        NDArray logLikelihood = y.mul(LogSpace.logSigmoid(logits))
                .add(y.neg().add(1).mul(LogSpace.logSigmoid(logits.neg())));
        // an empty batch gives 0, not mean()'s NaN; no division by a Java number (see LogSpace.logSigmoid)
        return (logLikelihood.size() == 0 ? logLikelihood.sum() : logLikelihood.mean()).neg();
    }
}

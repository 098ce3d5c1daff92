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

/** −mean over inlier pixels of ln P(d_in | x) = ln σ(−g): the first term of the paper's equation 1. */
@Component(service = LossTerm.class, property = Provider.ID_PROPERTY + "=" + LossTermIds.INLIER_POSTERIOR)
public final class InlierPosteriorTerm extends AbstractPixelLossTerm {

    @Activate
    public InlierPosteriorTerm(@Reference TorchRuntime runtime) {
        super(runtime, LossTermIds.INLIER_POSTERIOR, "Inlier posterior",
                "Minus the mean over inlier pixels of ln P(d_in|x) = logsigmoid(-g): pushes the outlier head "
                        + "towards 'inlier' on normal pixels. 0 when the batch has no inlier pixels.");
    }

    @Override
    protected NDArray compute(LossInputs inputs) {
        NDArray logits = inputs.outlierLogits();
        NDArray labels = require(inputs.outlierLabels(), "outlierLabels");
        PixelMasks.requirePixelShape(id(), "outlierLabels", labels, logits);
        NDArray logInlier = LogSpace.logSigmoid(logits.neg());
        return PixelMasks.maskedMean(logInlier, PixelMasks.inlierMask(labels, logits)).neg();
    }
}

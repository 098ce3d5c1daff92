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

/** −mean over outlier pixels of ln P(d_out | x) = ln σ(g): the posterior part of the paper's β term. */
@Component(service = LossTerm.class, property = Provider.ID_PROPERTY + "=" + LossTermIds.OUTLIER_POSTERIOR)
public final class OutlierPosteriorTerm extends AbstractPixelLossTerm {

    @Activate
    public OutlierPosteriorTerm(@Reference TorchRuntime runtime) {
        super(runtime, LossTermIds.OUTLIER_POSTERIOR, "Outlier posterior",
                "Minus the mean over pasted (outlier) pixels of ln P(d_out|x) = logsigmoid(g): pushes the outlier "
                        + "head towards 'outlier' there. 0 when the batch has no outlier pixels.");
    }

    @Override
    protected NDArray compute(LossInputs inputs) {
        NDArray logits = inputs.outlierLogits();
        NDArray labels = require(inputs.outlierLabels(), "outlierLabels");
        PixelMasks.requirePixelShape(id(), "outlierLabels", labels, logits);
        NDArray logOutlier = LogSpace.logSigmoid(logits);
        return PixelMasks.maskedMean(logOutlier, PixelMasks.outlierMask(labels, logits)).neg();
    }
}

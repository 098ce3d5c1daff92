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
 * Mean over outlier pixels of ln p̂(x) = logsumexp of the class logits. Equation 1 adds +β times this,
 * so minimising the loss lowers the unnormalised density of the pasted pixels.
 */
@Component(service = LossTerm.class, property = Provider.ID_PROPERTY + "=" + LossTermIds.OUTLIER_ENERGY)
public final class OutlierEnergyTerm extends AbstractPixelLossTerm {

    @Activate
    public OutlierEnergyTerm(@Reference TorchRuntime runtime) {
        super(runtime, LossTermIds.OUTLIER_ENERGY, "Outlier energy",
                "Mean over pasted (outlier) pixels of ln p(x) = logsumexp of the class logits; with a positive "
                        + "weight it lowers their density. 0 when the batch has no outlier pixels.");
    }

    @Override
    protected NDArray compute(LossInputs inputs) {
        NDArray classLogits = require(inputs.classLogits(), "classLogits");
        NDArray labels = require(inputs.outlierLabels(), "outlierLabels");
        PixelMasks.requireClassShape(id(), classLogits, "outlierLabels", labels);
        NDArray logDensity = LogSpace.logDensity(classLogits);
        return PixelMasks.maskedMean(logDensity, PixelMasks.outlierMask(labels, classLogits));
    }
}

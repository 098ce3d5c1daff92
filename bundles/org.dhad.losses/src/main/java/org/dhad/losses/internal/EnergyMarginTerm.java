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
import ai.djl.nn.Activation;

/**
 * A bounded replacement for {@link OutlierEnergyTerm}, after the energy loss of energy-based
 * out-of-distribution detection (Liu et al., 2020): squared hinges that push ln p̂(x) of outlier pixels
 * below {@link #OUTLIER_MARGIN} and keep that of inlier pixels above {@link #INLIER_MARGIN},
 * <pre>
 * mean_in max(0, m_in − ln p̂(x))² + mean_out max(0, ln p̂(x) − m_out)²
 * </pre>
 * The paper's term has no lower bound: ln p̂ of the pasted pixels falls without limit (about −4,500 by
 * the demo's last epoch), dominates the total and amplifies small differences. This one is 0 once the
 * densities are e^10 apart, and never negative.
 */
@Component(service = LossTerm.class, property = Provider.ID_PROPERTY + "=" + LossTermIds.ENERGY_MARGIN)
public final class EnergyMarginTerm extends AbstractPixelLossTerm {

    /** m_in: inlier pixels' ln p̂(x) is pushed up to at least this. */
    static final float INLIER_MARGIN = 0f;

    /** m_out: outlier pixels' ln p̂(x) is pushed down to at most this. */
    static final float OUTLIER_MARGIN = -10f;

    @Activate
    public EnergyMarginTerm(@Reference TorchRuntime runtime) {
        super(runtime, LossTermIds.ENERGY_MARGIN, "Energy margin",
                "Squared hinges on ln p(x) = logsumexp of the class logits: outlier pixels pushed below "
                        + OUTLIER_MARGIN + ", inlier pixels kept above " + INLIER_MARGIN
                        + ". A bounded alternative to outlier-energy; 0 for pixel kinds absent from the batch.");
    }

    @Override
    protected NDArray compute(LossInputs inputs) {
        NDArray classLogits = require(inputs.classLogits(), "classLogits");
        NDArray labels = require(inputs.outlierLabels(), "outlierLabels");
        PixelMasks.requireClassShape(id(), classLogits, "outlierLabels", labels);
        NDArray logDensity = LogSpace.logDensity(classLogits);
        // relu, not maximum(0): autograd would keep the 0 in freed memory (see LogSpace.logSigmoid)
        NDArray inlierShortfall = Activation.relu(logDensity.neg().add(INLIER_MARGIN));
        NDArray outlierExcess = Activation.relu(logDensity.sub(OUTLIER_MARGIN));
        return PixelMasks.maskedMean(inlierShortfall.square(), PixelMasks.inlierMask(labels, classLogits))
                .add(PixelMasks.maskedMean(outlierExcess.square(), PixelMasks.outlierMask(labels, classLogits)));
    }
}

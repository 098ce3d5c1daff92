package org.dhad.losses.internal;

import org.dhad.api.Provider;
import org.dhad.api.loss.LossInputs;
import org.dhad.api.loss.LossTerm;
import org.dhad.djl.TorchRuntime;
import org.dhad.losses.LossTermIds;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;

/**
 * Cross-entropy of the class logits against the primary class labels, mean over labelled pixels; label
 * −1 marks an ignored pixel. Only for data with class labels (not MVTec AD).
 */
@Component(service = LossTerm.class, property = Provider.ID_PROPERTY + "=" + LossTermIds.SEGMENTATION_CE)
public final class SegmentationCrossEntropyTerm extends AbstractPixelLossTerm {

    /** The class label of pixels that take no part in the loss. */
    static final int IGNORE_LABEL = -1;

    @Activate
    public SegmentationCrossEntropyTerm(@Reference TorchRuntime runtime) {
        super(runtime, LossTermIds.SEGMENTATION_CE, "Segmentation cross-entropy",
                "Cross-entropy of the class logits against the primary class labels, mean over labelled pixels "
                        + "(label -1 ignored). Needs training data with class labels.");
    }

    @Override
    public boolean needsClassLabels() {
        return true;
    }

    @Override
    protected NDArray compute(LossInputs inputs) {
        NDArray classLogits = require(inputs.classLogits(), "classLogits");
        NDArray labels = inputs.classLabels();
        if (labels == null) {
            throw new IllegalArgumentException(id() + ": LossInputs.classLabels is null; this term needs "
                    + "primary class labels, which the training data does not have (MVTec AD has none): "
                    + "remove '" + id() + "' from the experiment's loss terms");
        }
        PixelMasks.requireClassShape(id(), classLogits, "classLabels", labels);
        long classes = classLogits.getShape().get(1);
        NDArray index = labels.toType(DataType.INT64, false);
        requireLabelRange(index, classes);
        NDArray labelled = index.gte(0);
        // ignored pixels gather class 0 and are then masked out; gather needs a valid index everywhere
        NDArray safeIndex = index.mul(labelled.toType(DataType.INT64, false)).expandDims(1);
        NDArray logProbability = classLogits.logSoftmax(1).gather(safeIndex, 1).squeeze(1);
        return PixelMasks.maskedMean(logProbability, labelled.toType(classLogits.getDataType(), false)).neg();
    }

    private void requireLabelRange(NDArray index, long classes) {
        if (index.size() == 0) {
            return;
        }
        long max = index.max().getLong();
        long min = index.min().getLong();
        if (max >= classes || min < IGNORE_LABEL) {
            throw new IllegalArgumentException(id() + ": classLabels hold values in [" + min + ", " + max
                    + "]; expected class indices in [0, " + (classes - 1) + "] or " + IGNORE_LABEL
                    + " for ignored pixels");
        }
    }
}

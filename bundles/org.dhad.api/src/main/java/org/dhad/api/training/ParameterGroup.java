package org.dhad.api.training;

/** Parts of a DenseHybridAD network that train, freeze and get learning rates together. */
public enum ParameterGroup {
    /** The feature extractor (for DeepLabV3 the dilated ResNet). */
    BACKBONE,
    /** The context module between backbone and heads (ASPP). */
    CONTEXT,
    /** The class head up to its final BN-ReLU-Conv (DeepLabV3's 3x3 convolution). */
    CLASS_HEAD,
    /** The final BN-ReLU-Conv of the class head. */
    CLASS_HEAD_FINAL,
    /** The outlier head's BN-ReLU-Conv. */
    OUTLIER_HEAD_FINAL
}

/**
 * The {@code deeplabv3} backbone: torchvision's DeepLabV3 on a dilated ResNet built from DJL blocks, with
 * a second (outlier) head on the decoder features. Child blocks are named like torchvision's modules, so
 * a parameter {@code backbone.layer1.0.conv1.weight} of a torchvision state_dict is the DJL parameter
 * {@code backbone_layer1_0_conv1_weight}; batch-norm {@code weight, bias, running_mean, running_var} are
 * DJL's {@code gamma, beta, runningMean, runningVar}.
 */
package org.dhad.backbone.deeplabv3.internal;

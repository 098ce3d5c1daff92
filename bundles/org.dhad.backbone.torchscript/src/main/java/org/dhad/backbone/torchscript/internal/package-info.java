/**
 * The {@code torchscript} backbone: a module made with {@code torch.jit.trace}, loaded with trainable
 * parameters through DJL's PyTorch engine, with DenseHybridAD's outlier head (and a class head when the
 * module gives no class logits) on its feature map.
 */
package org.dhad.backbone.torchscript.internal;

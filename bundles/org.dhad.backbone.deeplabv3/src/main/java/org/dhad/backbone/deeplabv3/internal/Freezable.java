package org.dhad.backbone.deeplabv3.internal;

/**
 * A layer that behaves differently in training (batch statistics, dropout) and can be held in its inference
 * behaviour while its parameter group is frozen, as PyTorch's {@code eval()} holds a frozen module whatever the
 * trainer's training flag says.
 */
interface Freezable {

    /** Whether the layer forwards as at inference, whatever the training flag. */
    void setInference(boolean inference);
}

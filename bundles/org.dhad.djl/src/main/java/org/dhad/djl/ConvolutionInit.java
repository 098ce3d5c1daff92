package org.dhad.djl;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Convolution;
import ai.djl.training.initializer.Initializer;
import ai.djl.training.initializer.XavierInitializer;

/**
 * The initialisation PyTorch gives a new {@code nn.Conv2d} ({@code reset_parameters}): weight and bias
 * uniform in ±1/√fan_in, fan_in = input channels × kernel area. torchvision's DeepLabHead and a freshly
 * added head start this way. Kaiming-normal with fan_out (torchvision's ResNet trunk) is wrong for a
 * head: over one output channel its standard deviation is √2 per weight, and on hundreds of real
 * feature channels the logits start at magnitudes of tens.
 */
public final class ConvolutionInit {

    private ConvolutionInit() {
    }

    /**
     * Sets PyTorch's default initialisers on every convolution inside {@code head} (including
     * {@link PointwiseConvolution}). Call after any
     * initialiser set on an enclosing block (the last one set wins) and before the block is initialised.
     */
    public static void pytorchDefault(Block head) {
        if (head instanceof Convolution || head instanceof PointwiseConvolution) {
            Parameter weight = head.getParameters().get("weight");
            // kaiming_uniform(a=√5): bound = √(6 / ((1 + 5) fan_in)) = √(1 / fan_in)
            weight.setInitializer(new XavierInitializer(XavierInitializer.RandomType.UNIFORM,
                    XavierInitializer.FactorType.IN, 1));
            if (head.getParameters().contains("bias")) {
                head.getParameters().get("bias").setInitializer(biasOf(weight));
            }
        }
        head.getChildren().values().forEach(ConvolutionInit::pytorchDefault);
    }

    /** Uniform in ±1/√fan_in of {@code weight}, whose shape is known once the block is prepared. */
    private static Initializer biasOf(Parameter weight) {
        return (manager, shape, dataType) -> {
            Shape w = weight.getShape();
            long fanIn = w.size() / w.get(0);
            float bound = (float) (1 / Math.sqrt(fanIn));
            return manager.randomUniform(-bound, bound, shape, dataType);
        };
    }
}

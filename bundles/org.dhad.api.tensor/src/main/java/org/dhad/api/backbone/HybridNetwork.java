package org.dhad.api.backbone;

import java.nio.file.Path;
import java.util.Set;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;

import org.dhad.api.PluginException;
import org.dhad.api.training.ParameterGroup;

/**
 * One DenseHybridAD network built by a {@link Backbone}.
 * <p>
 * {@link #block()} maps {@code NDList(images)} with images {@code [N,3,H,W]} in {@code [0,1]} to
 * {@code NDList(classLogits [N,C,H,W], outlierLogits [N,1,H,W])} at the input resolution; the network
 * applies its own input normalisation.
 */
public interface HybridNetwork {

    /** The DJL block; initialise it with {@link #initialize}. */
    Block block();

    /** Number of class logits C. */
    int classCount();

    /** Initialises parameters for inputs of {@code [batch,3,height,width]}. */
    void initialize(NDManager manager, Shape inputShape);

    /**
     * The group a parameter belongs to, by the name {@code block().getParameters()} gives it. Freeze
     * policies and learning-rate factors act on groups, so they need no knowledge of the network.
     */
    ParameterGroup groupOf(String parameterName);

    /**
     * Freezes the parameters of {@code groups} and keeps their batch-norm layers in inference mode
     * (running statistics neither used from the batch nor updated), as the method requires. Must be
     * called after the trainer is created, which unfreezes every parameter.
     */
    void freeze(Set<ParameterGroup> groups);

    /**
     * Loads pretrained weights into the initialised network.
     *
     * @param file    weights file in a format the backbone documents
     * @param partial whether tensors the file lacks may keep their initial values
     * @throws PluginException naming missing, unexpected and wrongly shaped tensors
     */
    default void loadWeights(Path file, boolean partial) throws PluginException {
        throw new PluginException("This backbone cannot load pretrained weights (" + file + ")");
    }
}

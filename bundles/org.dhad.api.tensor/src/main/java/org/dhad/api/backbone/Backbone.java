package org.dhad.api.backbone;

import org.dhad.api.PluginException;
import org.dhad.api.Provider;
import org.dhad.api.Settings;

/**
 * Builds DenseHybridAD networks: a segmentation network with C class logits and a second head giving
 * the logit of P(d_out | x) per pixel.
 */
public interface Backbone extends Provider {

    /**
     * Builds a new, uninitialised network.
     *
     * @param settings validated settings of this backbone
     * @throws PluginException when the settings describe a network that cannot be built
     */
    HybridNetwork create(Settings settings) throws PluginException;
}

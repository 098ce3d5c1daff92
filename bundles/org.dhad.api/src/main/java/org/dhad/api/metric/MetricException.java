package org.dhad.api.metric;

import org.dhad.api.PluginException;

/** Score maps a metric cannot evaluate; the message names the image and the problem. */
public class MetricException extends PluginException {

    private static final long serialVersionUID = 1L;

    public MetricException(String message) {
        super(message);
    }
}

package org.dhad.api;

/**
 * A provider could not do what was asked: bad configuration, unreadable data, missing weights.
 * The message is meant for the user and names the file, field or value at fault.
 */
public class PluginException extends Exception {

    private static final long serialVersionUID = 1L;

    public PluginException(String message) {
        super(message);
    }

    public PluginException(String message, Throwable cause) {
        super(message, cause);
    }
}

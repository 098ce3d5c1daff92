package org.dhad.api.data;

import org.dhad.api.PluginException;

/** Data that cannot be used; the message names the file or folder and what was expected. */
public class DataException extends PluginException {

    private static final long serialVersionUID = 1L;

    public DataException(String message) {
        super(message);
    }

    public DataException(String message, Throwable cause) {
        super(message, cause);
    }
}

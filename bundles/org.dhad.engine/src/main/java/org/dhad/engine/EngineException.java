package org.dhad.engine;

/**
 * Training, evaluation or prediction could not be done: invalid experiment, unreadable run folder,
 * diverging loss. The message is meant for the user and names the file, step or value at fault.
 */
public class EngineException extends Exception {

    private static final long serialVersionUID = 1L;

    public EngineException(String message) {
        super(message);
    }

    public EngineException(String message, Throwable cause) {
        super(message, cause);
    }
}

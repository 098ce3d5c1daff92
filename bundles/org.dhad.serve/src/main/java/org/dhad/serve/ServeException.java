package org.dhad.serve;

/** The service could not start: a run that cannot be opened, an address that cannot be bound, a bad setting. */
public class ServeException extends Exception {

    private static final long serialVersionUID = 1L;

    public ServeException(String message) {
        super(message);
    }

    public ServeException(String message, Throwable cause) {
        super(message, cause);
    }
}

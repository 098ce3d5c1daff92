package org.dhad.results;

import java.nio.file.Path;

/** A run folder, or a file in it, that cannot be read; the message names the file and what was expected. */
public final class ResultsException extends Exception {

    private static final long serialVersionUID = 1L;

    public ResultsException(String message) {
        super(message);
    }

    public ResultsException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
    }
}

package org.dhad.model;

import java.util.List;

/**
 * An experiment file or document that cannot be read, written or converted. The message names the
 * file (and line where known), the field path and what was expected; {@link #problems()} lists the
 * individual problems when there are several.
 */
public class ModelException extends Exception {

    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    /** A single problem. */
    public ModelException(String message) {
        this(message, List.of(message), null);
    }

    /** A single problem caused by a lower-level failure. */
    public ModelException(String message, Throwable cause) {
        this(message, List.of(message), cause);
    }

    /**
     * Several problems behind one headline.
     *
     * @param message  headline, usually followed by the problems one per line
     * @param problems the individual problems, each naming its field
     * @param cause    lower-level failure, or {@code null}
     */
    public ModelException(String message, List<String> problems, Throwable cause) {
        super(message, cause);
        this.problems = List.copyOf(problems);
    }

    /** The individual problems, each a complete sentence naming its field (and file line if known). */
    public List<String> problems() {
        return problems;
    }
}

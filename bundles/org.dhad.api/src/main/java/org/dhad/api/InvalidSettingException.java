package org.dhad.api;

/** A setting value that does not fit its descriptor; the message names provider, key, value and expectation. */
public class InvalidSettingException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String owner;
    private final String key;

    public InvalidSettingException(String owner, String key, String value, String expected) {
        super(owner + ": setting '" + key + "' "
                + (value == null ? "is missing" : "has value '" + value + "'") + "; expected " + expected);
        this.owner = owner;
        this.key = key;
    }

    /** The provider id. */
    public String owner() {
        return owner;
    }

    /** The setting key. */
    public String key() {
        return key;
    }
}

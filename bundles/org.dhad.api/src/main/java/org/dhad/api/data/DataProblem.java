package org.dhad.api.data;

/**
 * A problem found in data.
 *
 * @param location the file or folder
 * @param message  what is wrong and what was expected
 */
public record DataProblem(String location, String message) {

    @Override
    public String toString() {
        return location + ": " + message;
    }
}

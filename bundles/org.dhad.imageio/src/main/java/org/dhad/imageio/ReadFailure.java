package org.dhad.imageio;

import java.io.IOException;

/** Turns what ImageIO throws into one message that starts with the file and says what was expected. */
final class ReadFailure {

    private ReadFailure() {
    }

    static IOException of(String file, String what, Throwable cause) {
        String message = cause.getMessage();
        if (message != null && message.startsWith(file)) {
            return cause instanceof IOException io ? io : new IOException(message, cause);
        }
        // FileEnd's messages ("is truncated ...") are written to follow the file name
        if (message != null && message.startsWith("is ")) {
            return new IOException(file + " " + message, cause);
        }
        return new IOException(file + " " + what + " (" + cause.getClass().getSimpleName() + ": " + message
                + "); expected a complete, readable image file", cause);
    }
}

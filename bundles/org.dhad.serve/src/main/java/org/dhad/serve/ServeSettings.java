package org.dhad.serve;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.dhad.results.ThresholdChoice;

/**
 * What {@code dhad serve} serves and how much it takes.
 *
 * @param models    name (the {@code model} parameter of a request) to run folder, in order
 * @param bind      the address Jetty binds, e.g. 127.0.0.1
 * @param port      the port; 0 takes a free one ({@link Serving#address()} says which)
 * @param threshold which stored thresholds decide
 * @param queue     requests admitted at once (being read, waiting or scored); more are answered 503
 * @param batch     at most this many waiting images are scored as one batch
 * @param maxBytes  the largest request body; larger ones are answered 413
 * @param maxPixels the most pixels an image's header may declare; more is answered 413
 */
public record ServeSettings(Map<String, Path> models, String bind, int port, ThresholdChoice threshold, int queue,
        int batch, long maxBytes, long maxPixels) {

    /** Default {@link #queue()}. */
    public static final int QUEUE = 16;
    /** Default {@link #batch()}. */
    public static final int BATCH = 4;
    /** Default {@link #maxBytes()}: 20 MB. */
    public static final long MAX_BYTES = 20L * 1024 * 1024;
    /** Default {@link #maxPixels()}: 4096 x 4096. */
    public static final long MAX_PIXELS = 4096L * 4096;

    public ServeSettings {
        models = Collections.unmodifiableMap(new LinkedHashMap<>(models));
    }

    /** The settings' problems, one line each naming the setting and what it must be; empty when they can be used. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (models.isEmpty()) {
            problems.add("no run to serve: give at least one run folder");
        }
        if (port < 0 || port > 65535) {
            problems.add("port " + port + ": expected 0 (any free port) to 65535");
        }
        if (bind == null || bind.isBlank()) {
            problems.add("bind: expected an address such as 127.0.0.1");
        }
        if (queue < 1) {
            problems.add("queue " + queue + ": expected at least 1 request");
        }
        if (batch < 1) {
            problems.add("batch " + batch + ": expected at least 1 image");
        }
        if (maxBytes < 1) {
            problems.add("max bytes " + maxBytes + ": expected at least 1 byte");
        }
        if (maxPixels < 1) {
            problems.add("max pixels " + maxPixels + ": expected at least 1 pixel");
        }
        return problems;
    }
}

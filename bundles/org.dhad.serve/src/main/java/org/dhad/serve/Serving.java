package org.dhad.serve;

import java.net.URI;
import java.util.Map;
import java.nio.file.Path;

/** A running inspection service. */
public interface Serving extends AutoCloseable {

    /** Where it answers, with the port actually bound (also when port 0 was asked for), e.g. http://127.0.0.1:8080/. */
    URI address();

    /** The served models: name to run folder, in the order given. */
    Map<String, Path> models();

    /** Stops Jetty, waits for the scoring thread and releases the networks. */
    @Override
    void close();
}

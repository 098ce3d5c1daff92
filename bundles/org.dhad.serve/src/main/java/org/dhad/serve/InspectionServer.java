package org.dhad.serve;

/** Starts the inspection service: trained runs served over HTTP until the returned {@link Serving} is closed. */
public interface InspectionServer {

    /**
     * Opens every run, starts Jetty on {@link ServeSettings#bind()}:{@link ServeSettings#port()} and returns once the
     * endpoints answer. One service at a time per process.
     *
     * @throws ServeException naming the run, address or setting that cannot be used; nothing is left running
     */
    Serving start(ServeSettings settings) throws ServeException;
}

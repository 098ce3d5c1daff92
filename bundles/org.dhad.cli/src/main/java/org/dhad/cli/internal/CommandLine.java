package org.dhad.cli.internal;

import java.io.PrintWriter;

/** Parses and runs one {@code dhad} invocation. */
public interface CommandLine {

    /**
     * @return the process exit code: 0 success, 1 failure, 2 usage error
     */
    int run(String[] args, PrintWriter out, PrintWriter err);
}

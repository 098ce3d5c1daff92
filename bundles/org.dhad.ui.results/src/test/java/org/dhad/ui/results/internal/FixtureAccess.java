package org.dhad.ui.results.internal;

import java.io.IOException;
import java.nio.file.Path;

/** Lets tests in other packages write the fixture run folders. */
public final class FixtureAccess {

    private FixtureAccess() {
    }

    /** A trained, not evaluated run folder {@code runs/name/timestamp}. */
    public static Path trainedRun(Path runs, String name, String timestamp) throws IOException {
        return RunFixture.trained(runs, name, timestamp, "MASK", 1);
    }
}

package org.dhad.api.data;

import java.io.IOException;
import java.util.random.RandomGenerator;

/** Draws negative patches from an opened {@link NegativeSource}; safe for use from several threads. */
public interface NegativeSampler {

    /** Number of distinct shapes (or images) available; positive. */
    int size();

    /**
     * Draws one patch. The same sequence of generator states gives the same patches. A sampler may hand out the
     * same patch object again (from a cache), so callers read patches and never modify them.
     *
     * @throws IOException when the underlying file cannot be read; the message names it
     */
    NegativePatch draw(RandomGenerator random) throws IOException;
}

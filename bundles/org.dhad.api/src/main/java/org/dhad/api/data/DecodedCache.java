package org.dhad.api.data;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Decoded pixels kept on disk between processes (resized training images, cut negative shapes), so that a new
 * run does not decode again what an earlier one decoded. An entry is found by its key, which names the source
 * files' identities ({@link #fileIdentity}) and everything the decoding depends on; a stale entry is therefore
 * never found, only aged out. Reads never fail: a missing, truncated, corrupt or foreign entry is a miss. Writes
 * are best effort. Safe for concurrent threads and processes.
 *
 * @since 2.3
 */
public interface DecodedCache {

    /** No disk tier: every read misses, writes are dropped. */
    DecodedCache NONE = new DecodedCache() {
        @Override
        public Optional<ByteBuffer> read(String key) {
            return Optional.empty();
        }

        @Override
        public void write(String key, ByteBuffer payload) {
            // nothing is kept
        }

        @Override
        public Optional<Path> folder() {
            return Optional.empty();
        }

        @Override
        public long budgetBytes() {
            return 0;
        }

        @Override
        public long usedBytes() {
            return 0;
        }
    };

    /** The payload stored under {@code key}, positioned at its start; empty when there is no valid entry. */
    Optional<ByteBuffer> read(String key);

    /** Stores the payload's remaining bytes under {@code key}; failures are logged, never thrown. */
    void write(String key, ByteBuffer payload);

    /** The folder of the entries, or empty when there is no disk tier. */
    Optional<Path> folder();

    /** The size the entries may take; the oldest are removed beyond it. */
    long budgetBytes();

    /** Bytes the entries take now (as far as this process knows). */
    long usedBytes();

    /** Whether entries are kept at all. */
    default boolean enabled() {
        return folder().isPresent();
    }

    /**
     * A key part naming a file as it is now: absolute path, size and modification time, so that an entry decoded
     * from an earlier version of the file is never found.
     */
    static String fileIdentity(Path file) throws IOException {
        Path absolute = file.toAbsolutePath().normalize();
        return absolute + "|" + Files.size(absolute) + "|" + Files.getLastModifiedTime(absolute).toMillis();
    }
}

package org.dhad.imageio;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.CRC32C;

import org.dhad.api.data.DecodedCache;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link DecodedCache} in a folder: one file per key, named by the key's SHA-256, holding a header (magic, the
 * key, the payload's length and CRC-32C) and the payload. Entries are written to a temporary file and renamed, so a
 * reader sees a whole entry or none; the header makes a truncated, corrupt or foreign file a miss, which the next
 * write replaces. Beyond the budget the least recently used entries are removed (a hit renews an entry's time).
 * A folder that cannot be created or written turns the tier off with one warning naming it.
 */
public final class DecodedCacheFolder implements DecodedCache {

    private static final Logger LOG = LoggerFactory.getLogger(DecodedCacheFolder.class);
    private static final byte[] MAGIC = "DHADDEC1".getBytes(StandardCharsets.US_ASCII);
    static final String SUFFIX = ".entry";
    private static final String TEMP_SUFFIX = ".part";
    /** A temporary file this old was left by a process that died while writing. */
    private static final long STALE_TEMP_MILLIS = 60L * 60 * 1000;
    /** Eviction goes this far below the budget, so that it does not run on every write once the folder is full. */
    private static final double EVICT_TO = 0.9;

    private final Path folder;
    private final long budgetBytes;
    private final AtomicLong usedBytes = new AtomicLong();
    /** null until the folder was first prepared, then whether entries can be kept. */
    private volatile Boolean usable;

    /** {@code budgetBytes}: 0 or less keeps nothing. Nothing touches the disk before the first read or write. */
    public DecodedCacheFolder(Path folder, long budgetBytes) {
        this.folder = folder.toAbsolutePath().normalize();
        this.budgetBytes = Math.max(0, budgetBytes);
    }

    @Override
    public Optional<ByteBuffer> read(String key) {
        if (!usable()) {
            return Optional.empty();
        }
        Path file = entry(key);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            LOG.debug("Cannot read {}: {}", file, e.getMessage());
            return Optional.empty();
        }
        ByteBuffer payload = verified(bytes, key);
        if (payload == null) {
            LOG.debug("{} is not a valid entry for its key; it is ignored and will be replaced", file);
            return Optional.empty();
        }
        try {
            Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis()));
        } catch (IOException e) {
            // another process removed it meanwhile: the payload read is whole and verified
        }
        return Optional.of(payload);
    }

    /** The payload of an entry whose header matches {@code key} and whose checksum is right; null otherwise. */
    static ByteBuffer verified(byte[] bytes, String key) {
        byte[] expectedKey = key.getBytes(StandardCharsets.UTF_8);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        if (bytes.length < MAGIC.length + 4 + expectedKey.length + 16
                || !in.slice(0, MAGIC.length).equals(ByteBuffer.wrap(MAGIC))) {
            return null;
        }
        in.position(MAGIC.length);
        if (in.getInt() != expectedKey.length
                || !in.slice(in.position(), expectedKey.length).equals(ByteBuffer.wrap(expectedKey))) {
            return null;
        }
        in.position(in.position() + expectedKey.length);
        long length = in.getLong();
        long checksum = in.getLong();
        if (length != in.remaining()) {
            return null;
        }
        CRC32C crc = new CRC32C();
        crc.update(bytes, in.position(), in.remaining());
        return crc.getValue() == checksum ? in.slice() : null;
    }

    @Override
    public void write(String key, ByteBuffer payload) {
        if (!usable()) {
            return;
        }
        byte[] keyBytes = key.getBytes(StandardCharsets.UTF_8);
        ByteBuffer body = payload.duplicate();
        long size = MAGIC.length + 4L + keyBytes.length + 16 + body.remaining();
        if (size > budgetBytes) {
            return;
        }
        CRC32C crc = new CRC32C();
        crc.update(body.duplicate());
        ByteBuffer header = ByteBuffer.allocate(MAGIC.length + 4 + keyBytes.length + 16);
        header.put(MAGIC).putInt(keyBytes.length).put(keyBytes).putLong(body.remaining()).putLong(crc.getValue())
                .flip();
        Path file = entry(key);
        Path temp = null;
        try {
            temp = Files.createTempFile(folder, file.getFileName().toString(), TEMP_SUFFIX);
            try (FileChannel out = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                while (header.hasRemaining()) {
                    out.write(header);
                }
                while (body.hasRemaining()) {
                    out.write(body);
                }
            }
            move(temp, file);
            temp = null;
        } catch (IOException e) {
            turnOff("cannot write " + file.getFileName() + " (" + e + ")");
            return;
        } finally {
            deleteQuietly(temp);
        }
        if (usedBytes.addAndGet(size) > budgetBytes) {
            evict();
        }
    }

    private static void move(Path temp, Path file) throws IOException {
        try {
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("the file system cannot rename atomically", e);
        }
    }

    @Override
    public Optional<Path> folder() {
        return budgetBytes > 0 && !Boolean.FALSE.equals(usable) ? Optional.of(folder) : Optional.empty();
    }

    @Override
    public long budgetBytes() {
        return budgetBytes;
    }

    /** The entries' bytes: counted from the folder when nothing was read or written yet (0 when it is absent). */
    @Override
    public long usedBytes() {
        if (usable == null) {
            return Files.isDirectory(folder) ? scan(false) : 0;
        }
        return usedBytes.get();
    }

    /** Prepares the folder on first use: creates it, checks that a file can be written there, counts the entries. */
    private boolean usable() {
        Boolean known = usable;
        if (known != null) {
            return known;
        }
        synchronized (this) {
            if (usable == null) {
                if (budgetBytes == 0) {
                    usable = false;
                    return false;
                }
                Path probe = null;
                try {
                    Files.createDirectories(folder);
                    probe = Files.createTempFile(folder, "probe", TEMP_SUFFIX);
                    usable = true;
                } catch (IOException | RuntimeException e) {
                    turnOff("it cannot be created or written (" + e + ")");
                    return false;
                } finally {
                    deleteQuietly(probe);
                }
                usedBytes.set(scan(false));
                if (usedBytes.get() > budgetBytes) {
                    evict();
                }
            }
            return usable;
        }
    }

    private void turnOff(String reason) {
        synchronized (this) {
            if (!Boolean.FALSE.equals(usable)) {
                usable = false;
                LOG.warn("Data cache folder {}: {}; continuing without the disk tier (DHAD_DATA_CACHE_DIR sets "
                        + "another folder, DHAD_DATA_CACHE_DISK_MB=0 turns it off)", folder, reason);
            }
        }
    }

    /** Removes the least recently used entries until they take at most {@link #EVICT_TO} of the budget. */
    private synchronized void evict() {
        long used = scan(true);
        usedBytes.set(used);
    }

    /**
     * The bytes of the entries in the folder; with {@code evict}, first removes the oldest beyond the budget and
     * temporary files left by dead writers.
     */
    private long scan(boolean evict) {
        record Entry(Path file, long size, long modified) {
        }
        List<Entry> entries = new ArrayList<>();
        long total = 0;
        long now = System.currentTimeMillis();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                try {
                    BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
                    long modified = attributes.lastModifiedTime().toMillis();
                    if (name.endsWith(SUFFIX)) {
                        entries.add(new Entry(file, attributes.size(), modified));
                        total += attributes.size();
                    } else if (evict && name.endsWith(TEMP_SUFFIX) && now - modified > STALE_TEMP_MILLIS) {
                        deleteQuietly(file);
                    }
                } catch (IOException e) {
                    // removed by another process while listing
                }
            }
        } catch (IOException e) {
            LOG.debug("Cannot list {}: {}", folder, e.getMessage());
            return usedBytes.get();
        }
        if (!evict || total <= budgetBytes) {
            return total;
        }
        entries.sort(Comparator.comparingLong(Entry::modified));
        long target = (long) (budgetBytes * EVICT_TO);
        for (Entry entry : entries) {
            if (total <= target) {
                break;
            }
            deleteQuietly(entry.file());
            total -= entry.size();
        }
        return total;
    }

    private Path entry(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return folder.resolve(HexFormat.of().formatHex(digest, 0, 20) + SUFFIX);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // another process removed it, or the folder became read-only: nothing of value is left behind
            }
        }
    }

    @Override
    public String toString() {
        return folder + " (" + budgetBytes / (1024 * 1024) + " MB)";
    }
}

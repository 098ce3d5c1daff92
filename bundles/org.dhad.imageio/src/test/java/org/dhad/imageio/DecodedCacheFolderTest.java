package org.dhad.imageio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The disk tier's folder: what is written is read back byte for byte, by this and by another instance (another
 * process); a truncated, corrupt or foreign entry is a miss and is replaced by the next write; the budget holds,
 * oldest out; a folder that cannot be created leaves a working no-op; threads writing and reading the same keys
 * only ever see whole entries.
 */
class DecodedCacheFolderTest {

    @TempDir
    Path temp;

    private static ByteBuffer payload(int bytes, long seed) {
        byte[] data = new byte[bytes];
        new SplittableRandom(seed).nextBytes(data);
        return ByteBuffer.wrap(data);
    }

    private static byte[] bytes(Optional<ByteBuffer> read) {
        assertTrue(read.isPresent(), "an entry was expected");
        ByteBuffer buffer = read.get();
        byte[] out = new byte[buffer.remaining()];
        buffer.get(out);
        return out;
    }

    private List<Path> entries(Path folder) throws Exception {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.getFileName().toString().endsWith(DecodedCacheFolder.SUFFIX)).toList();
        }
    }

    @Test
    void anEntryIsReadBackByThisAndAnotherProcess() throws Exception {
        Path folder = temp.resolve("cache");
        DecodedCacheFolder cache = new DecodedCacheFolder(folder, 1 << 20);
        assertTrue(cache.read("a").isEmpty(), "nothing stored yet");
        cache.write("a", payload(1000, 1));
        cache.write("b", payload(10, 2));
        assertArrayEquals(payload(1000, 1).array(), bytes(cache.read("a")), "this instance");
        DecodedCacheFolder other = new DecodedCacheFolder(folder, 1 << 20);
        assertArrayEquals(payload(1000, 1).array(), bytes(other.read("a")), "a new instance on the same folder");
        assertArrayEquals(payload(10, 2).array(), bytes(other.read("b")), "second key");
        assertTrue(other.read("c").isEmpty(), "an unknown key misses");
        assertEquals(cache.usedBytes(), other.usedBytes(), "the new instance counts the folder's entries");
        assertTrue(other.usedBytes() > 1010, "entries counted with their headers: " + other.usedBytes());
        try (Stream<Path> files = Files.list(folder)) {
            assertEquals(2, files.count(), "two entries and no temporary file left behind");
        }
    }

    @Test
    void truncatedCorruptAndForeignEntriesMissAndAreReplaced() throws Exception {
        Path folder = temp.resolve("cache");
        DecodedCacheFolder cache = new DecodedCacheFolder(folder, 1 << 20);
        cache.write("key", payload(4000, 3));
        Path entry = entries(folder).get(0);
        byte[] good = Files.readAllBytes(entry);

        byte[] corrupt = good.clone();
        corrupt[corrupt.length - 100] ^= 1;
        Files.write(entry, corrupt);
        assertTrue(cache.read("key").isEmpty(), "one flipped bit in the payload: the checksum misses");

        Files.write(entry, java.util.Arrays.copyOf(good, good.length - 1));
        assertTrue(cache.read("key").isEmpty(), "truncated by one byte");
        Files.write(entry, new byte[0]);
        assertTrue(cache.read("key").isEmpty(), "empty file");
        Files.write(entry, "not an entry at all".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        assertTrue(cache.read("key").isEmpty(), "foreign bytes");

        cache.write("other", payload(4000, 4));
        Path otherEntry = entries(folder).stream().filter(p -> !p.equals(entry)).findFirst().orElseThrow();
        Files.copy(otherEntry, entry, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertTrue(cache.read("key").isEmpty(), "a whole entry of another key under this key's name");

        cache.write("key", payload(4000, 3));
        assertArrayEquals(payload(4000, 3).array(), bytes(cache.read("key")), "the next write replaces it");
    }

    @Test
    void theOldestEntriesGoBeyondTheBudget() throws Exception {
        Path folder = temp.resolve("cache");
        DecodedCacheFolder cache = new DecodedCacheFolder(folder, 10_000);
        for (int i = 0; i < 4; i++) {
            cache.write("k" + i, payload(2000, i));
        }
        // distinct, increasing times: k0 oldest; a read renews k0, so k1 is the oldest then
        long now = System.currentTimeMillis();
        for (int i = 0; i < 4; i++) {
            Files.setLastModifiedTime(entries(folder).stream().filter(isEntryOf(cache, "k" + i)).findFirst()
                    .orElseThrow(), FileTime.fromMillis(now - 100_000 + i * 1000));
        }
        assertTrue(cache.read("k0").isPresent(), "k0 read: renewed");
        cache.write("k4", payload(2000, 4));
        cache.write("k5", payload(2000, 5));
        assertTrue(cache.usedBytes() <= 10_000, "within the budget: " + cache.usedBytes());
        assertTrue(cache.read("k1").isEmpty(), "the least recently used entry is gone");
        assertTrue(cache.read("k0").isPresent(), "the renewed entry stays");
        assertTrue(cache.read("k5").isPresent(), "the newest entry stays");
        long onDisk = 0;
        for (Path p : entries(folder)) {
            onDisk += Files.size(p);
        }
        assertEquals(onDisk, cache.usedBytes(), "the count agrees with the folder");
        cache.write("huge", payload(20_000, 9));
        assertTrue(cache.read("huge").isEmpty(), "an entry larger than the whole budget is not kept");
    }

    private static java.util.function.Predicate<Path> isEntryOf(DecodedCacheFolder cache, String key) {
        return p -> DecodedCacheFolder.verified(readQuietly(p), key) != null;
    }

    private static byte[] readQuietly(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (java.io.IOException e) {
            return new byte[0];
        }
    }

    @Test
    void aFolderThatCannotBeCreatedTurnsTheTierOff() throws Exception {
        Path file = Files.writeString(temp.resolve("a-file"), "in the way");
        DecodedCacheFolder cache = new DecodedCacheFolder(file.resolve("cache"), 1 << 20);
        assertTrue(cache.enabled(), "nothing is tried before the first use");
        cache.write("a", payload(100, 1));
        assertTrue(cache.read("a").isEmpty(), "no entry");
        assertFalse(cache.enabled(), "off after the folder failed");
        assertEquals(0, cache.usedBytes());
        assertEquals("in the way", Files.readString(file), "the file in the way is untouched");
        assertTrue(new DecodedCacheFolder(temp.resolve("off"), 0).read("a").isEmpty(), "budget 0: off");
        assertFalse(Files.exists(temp.resolve("off")), "budget 0 creates no folder");
    }

    @Test
    void concurrentWritersAndReadersSeeWholeEntriesOnly() throws Exception {
        Path folder = temp.resolve("cache");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                // each thread its own instance, as separate processes have
                DecodedCacheFolder cache = new DecodedCacheFolder(folder, 1 << 22);
                results.add(pool.submit(() -> {
                    int hits = 0;
                    for (int round = 0; round < 50; round++) {
                        String key = "k" + round % 5;
                        byte[] expected = payload(30_000, round % 5).array();
                        Optional<ByteBuffer> read = cache.read(key);
                        if (read.isPresent()) {
                            assertArrayEquals(expected, bytes(read), "a whole entry of " + key);
                            hits++;
                        }
                        cache.write(key, ByteBuffer.wrap(expected));
                    }
                    return hits;
                }));
            }
            int hits = 0;
            for (Future<Integer> f : results) {
                hits += f.get();
            }
            assertTrue(hits > 0, "later rounds read what earlier ones wrote");
        } finally {
            pool.shutdown();
        }
        assertEquals(5, entries(folder).size(), "one entry per key");
    }

    @Test
    void rgbBytesKeepEveryPixelOfWholeAndSubImages() {
        BufferedImage image = new BufferedImage(7, 3, BufferedImage.TYPE_INT_RGB);
        SplittableRandom random = new SplittableRandom(5);
        for (int y = 0; y < 3; y++) {
            for (int x = 0; x < 7; x++) {
                image.setRGB(x, y, random.nextInt());
            }
        }
        ByteBuffer bytes = ByteBuffer.allocate(RgbImages.bytes(7, 3) + 1);
        bytes.put((byte) 9); // not at the buffer's start
        RgbImages.put(image, bytes);
        assertFalse(bytes.hasRemaining(), "four bytes per pixel");
        bytes.flip().get();
        BufferedImage back = RgbImages.get(bytes, 7, 3);
        assertFalse(bytes.hasRemaining(), "all read");
        assertArrayEquals(image.getRGB(0, 0, 7, 3, null, 0, 7), back.getRGB(0, 0, 7, 3, null, 0, 7), "whole image");
        BufferedImage sub = image.getSubimage(2, 1, 4, 2);
        ByteBuffer subBytes = ByteBuffer.allocate(RgbImages.bytes(4, 2));
        RgbImages.put(sub, subBytes);
        assertArrayEquals(sub.getRGB(0, 0, 4, 2, null, 0, 4),
                RgbImages.get(subBytes.flip(), 4, 2).getRGB(0, 0, 4, 2, null, 0, 4), "a sub-image shares a larger buffer");
        BufferedImage grey = new BufferedImage(3, 2, BufferedImage.TYPE_BYTE_GRAY);
        grey.getRaster().setSamples(0, 0, 3, 2, 0, new int[] {0, 50, 100, 150, 200, 250});
        ByteBuffer greyBytes = ByteBuffer.allocate(RgbImages.bytes(3, 2));
        RgbImages.put(grey, greyBytes);
        assertArrayEquals(grey.getRGB(0, 0, 3, 2, null, 0, 3),
                RgbImages.get(greyBytes.flip(), 3, 2).getRGB(0, 0, 3, 2, null, 0, 3), "another image type");
    }
}

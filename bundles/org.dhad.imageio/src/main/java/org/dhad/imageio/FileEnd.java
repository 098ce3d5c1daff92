package org.dhad.imageio;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.util.Arrays;

/** Checks that a PNG or JPEG file is complete by its last bytes, without decoding it. */
final class FileEnd {

    private static final byte[] PNG_END = {0, 0, 0, 0, 'I', 'E', 'N', 'D', (byte) 0xAE, 0x42, 0x60, (byte) 0x82};
    /** JPEG writers sometimes pad after the end-of-image marker; look for it this far back. */
    private static final int JPEG_END_WINDOW = 64;

    private FileEnd() {
    }

    /** {@link #check(Path, String)} of bytes in memory. */
    static void check(byte[] bytes, String format) throws IOException {
        int n = Math.min(bytes.length, Math.max(PNG_END.length, JPEG_END_WINDOW));
        check(Arrays.copyOfRange(bytes, bytes.length - n, bytes.length), bytes.length, format);
    }

    /** Throws an exception whose message follows the file name ("is truncated ...") when the end is missing. */
    static void check(Path file, String format) throws IOException {
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long length = in.length();
            int n = (int) Math.min(length, Math.max(PNG_END.length, JPEG_END_WINDOW));
            byte[] tail = new byte[n];
            in.seek(length - n);
            in.readFully(tail);
            check(tail, length, format);
        }
    }

    /** Checks the last bytes ({@code tail}) of {@code length} bytes. */
    private static void check(byte[] tail, long length, String format) throws IOException {
        if (format.equals("png")) {
            if (length < PNG_END.length) {
                throw new IOException("is truncated (" + length + " bytes); expected a complete PNG file");
            }
            if (!Arrays.equals(Arrays.copyOfRange(tail, tail.length - PNG_END.length, tail.length), PNG_END)) {
                throw new IOException("is truncated: it does not end with the IEND chunk; "
                        + "expected a complete PNG file");
            }
        } else if (format.equals("jpeg") || format.equals("jpg")) {
            int n = (int) Math.min(tail.length, JPEG_END_WINDOW);
            for (int i = tail.length - 2; i >= tail.length - n; i--) {
                if (tail[i] == (byte) 0xFF && tail[i + 1] == (byte) 0xD9) {
                    return;
                }
            }
            throw new IOException("is truncated: no end-of-image marker (FFD9) at the end; "
                    + "expected a complete JPEG file");
        }
    }
}

package org.dhad.backbone.deeplabv3.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes {@code .npz} files as {@code numpy.savez} does (a stored zip of {@code NAME.npy} entries whose
 * bytes equal {@code numpy.save}'s: format 1.0 header with numpy's growth room, padded to 64 bytes), so the tests read what a Python user's file holds
 * without needing Python. float32 ({@code <f4}) and int64 ({@code <i8}, torchvision's 0-d
 * {@code num_batches_tracked}) arrays.
 */
final class NumpyArchive {

    private final Map<String, Object> arrays = new LinkedHashMap<>();
    private final Map<String, long[]> shapes = new LinkedHashMap<>();

    /** Adds a float32 array. */
    NumpyArchive add(String name, float[] values, long... shape) {
        check(name, values.length, shape);
        arrays.put(name, values);
        shapes.put(name, shape);
        return this;
    }

    /** Adds an int64 array; no shape makes it 0-d. */
    NumpyArchive addLong(String name, long[] values, long... shape) {
        check(name, values.length, shape);
        arrays.put(name, values);
        shapes.put(name, shape);
        return this;
    }

    /** Removes an entry; returns this archive. */
    NumpyArchive remove(String name) {
        if (arrays.remove(name) == null) {
            throw new IllegalArgumentException("No array '" + name + "' to remove");
        }
        shapes.remove(name);
        return this;
    }

    /** The shape an entry was added with. */
    long[] shape(String name) {
        return shapes.get(name);
    }

    Map<String, Object> arrays() {
        return arrays;
    }

    void write(Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, Object> entry : arrays.entrySet()) {
                zip.putNextEntry(new ZipEntry(entry.getKey() + ".npy"));
                zip.write(npy(entry.getValue(), shapes.get(entry.getKey())));
                zip.closeEntry();
            }
        }
    }

    private static byte[] npy(Object values, long[] shape) {
        boolean floats = values instanceof float[];
        String dims = shape.length == 1 ? "(" + shape[0] + ",)"
                : Arrays.stream(shape).mapToObj(Long::toString).collect(Collectors.joining(", ", "(", ")"));
        String header = "{'descr': '" + (floats ? "<f4" : "<i8") + "', 'fortran_order': False, 'shape': " + dims
                + ", }";
        // numpy leaves room for the first axis to grow to 21 digits, then pads to 64 bytes
        header = header + (shape.length > 0 ? " ".repeat(21 - Long.toString(shape[0]).length()) : "");
        int unpadded = 10 + header.length() + 1;
        header = header + " ".repeat((64 - unpadded % 64) % 64) + "\n";
        int count = floats ? ((float[]) values).length : ((long[]) values).length;
        ByteBuffer buffer = ByteBuffer.allocate(10 + header.length() + count * (floats ? 4 : 8))
                .order(ByteOrder.LITTLE_ENDIAN);
        buffer.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) 1).put((byte) 0);
        buffer.putShort((short) header.length()).put(header.getBytes(StandardCharsets.US_ASCII));
        if (floats) {
            buffer.asFloatBuffer().put((float[]) values);
        } else {
            buffer.asLongBuffer().put((long[]) values);
        }
        return buffer.array();
    }

    private static void check(String name, int length, long[] shape) {
        long size = Arrays.stream(shape).reduce(1, (a, b) -> a * b);
        if (size != length) {
            throw new IllegalArgumentException(name + ": " + length + " values for shape " + Arrays.toString(shape));
        }
    }
}

package org.dhad.engine.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a NumPy {@code .npy} file (format versions 1 to 3) holding a 2-D float32 or float64 array;
 * size-1 axes of arrays with more dimensions are dropped, so {@code (1, H, W)} reads as {@code (H, W)}.
 */
final class NpyReader {

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");
    private static final Pattern TYPE = Pattern.compile("([<>=|]?)f([48])");

    private NpyReader() {
    }

    static FloatGrid read(Path file) throws IOException {
        return parse(Files.readAllBytes(file), file.toString());
    }

    /** Parses the bytes of an {@code .npy} file; {@code name} is used in messages. */
    static FloatGrid parse(byte[] bytes, String name) throws IOException {
        ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (bytes.length < 10 || !ByteBuffer.wrap(bytes, 0, MAGIC.length).equals(ByteBuffer.wrap(MAGIC))) {
            throw new IOException(name + " is not a NumPy .npy file (it does not start with \\x93NUMPY)");
        }
        int major = bytes[6];
        long headerLength = major == 1 ? Short.toUnsignedInt(in.getShort(8)) : Integer.toUnsignedLong(in.getInt(8));
        int headerStart = major == 1 ? 10 : 12;
        if (major < 1 || major > 3 || headerStart + headerLength > bytes.length) {
            throw new IOException(name + " has an unsupported or truncated .npy header (version " + major
                    + "); expected format version 1, 2 or 3");
        }
        String header = new String(bytes, headerStart, (int) headerLength,
                major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        String descr = find(DESCR, header, "descr", name);
        Matcher type = TYPE.matcher(descr);
        if (!type.matches()) {
            throw new IOException(name + " holds dtype '" + descr + "'; expected float32 or float64 ('<f4' or '<f8')");
        }
        boolean fortran = find(FORTRAN, header, "fortran_order", name).equals("True");
        int[] shape = shape(find(SHAPE, header, "shape", name), name);
        int itemSize = Integer.parseInt(type.group(2));
        ByteOrder order = type.group(1).equals(">") ? ByteOrder.BIG_ENDIAN
                : type.group(1).equals("=") ? ByteOrder.nativeOrder() : ByteOrder.LITTLE_ENDIAN;
        int height = shape[0];
        int width = shape[1];
        long count = (long) width * height;
        int dataStart = headerStart + (int) headerLength;
        if (bytes.length - dataStart < count * itemSize) {
            throw new IOException(name + " is truncated: a " + height + "x" + width + " array of " + descr
                    + " needs " + count * itemSize + " bytes of data, the file has " + (bytes.length - dataStart));
        }
        ByteBuffer data = ByteBuffer.wrap(bytes, dataStart, bytes.length - dataStart).slice().order(order);
        float[] values = new float[(int) count];
        for (int i = 0; i < values.length; i++) {
            // Fortran order stores columns one after another.
            int target = fortran ? (i % height) * width + i / height : i;
            values[target] = itemSize == 4 ? data.getFloat(i * 4) : (float) data.getDouble(i * 8);
        }
        return new FloatGrid(width, height, values);
    }

    private static String find(Pattern pattern, String header, String key, String name) throws IOException {
        Matcher m = pattern.matcher(header);
        if (!m.find()) {
            throw new IOException(name + " has no valid '" + key + "' in its .npy header: " + header.strip());
        }
        return m.group(1);
    }

    /** The shape as (height, width), after dropping size-1 axes of arrays with more than two. */
    private static int[] shape(String text, String name) throws IOException {
        List<Integer> dims = new ArrayList<>();
        for (String part : text.split(",")) {
            if (!part.isBlank()) {
                try {
                    dims.add(Integer.parseInt(part.strip().replaceFirst("L$", "")));
                } catch (NumberFormatException e) {
                    throw new IOException(name + " has shape (" + text + "); expected (height, width)");
                }
            }
        }
        List<Integer> kept = new ArrayList<>(dims);
        for (int i = kept.size() - 1; i >= 0 && kept.size() > 2; i--) {
            if (kept.get(i) == 1) {
                kept.remove(i);
            }
        }
        if (kept.size() != 2 || kept.get(0) <= 0 || kept.get(1) <= 0) {
            throw new IOException(name + " holds an array of shape " + dims + "; expected a 2-D (height, width) "
                    + "array of positive size");
        }
        return new int[] {kept.get(0), kept.get(1)};
    }
}

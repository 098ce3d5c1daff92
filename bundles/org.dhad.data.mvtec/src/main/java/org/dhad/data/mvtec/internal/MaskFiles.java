package org.dhad.data.mvtec.internal;

import java.awt.Dimension;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

import org.dhad.api.data.Mask;

/**
 * Reads images as RGB and masks as binary, and checks files cheaply (header and end marker, no pixel
 * decoding). Every failure is an {@link IOException} whose message names the file and what was expected.
 */
final class ImageFiles {

    private static final byte[] PNG_END = {0, 0, 0, 0, 'I', 'E', 'N', 'D', (byte) 0xAE, 0x42, 0x60, (byte) 0x82};
    /** JPEG writers sometimes pad after the end-of-image marker; look for it this far back. */
    private static final int JPEG_END_WINDOW = 64;

    private ImageFiles() {
    }

    /** Width and height from the header, after checking that the file is complete (PNG IEND, JPEG EOI). */
    static Dimension inspect(Path file) throws IOException {
        ImageReader reader = reader(file);
        try {
            Dimension size = new Dimension(reader.getWidth(0), reader.getHeight(0));
            checkEnd(file, reader.getFormatName().toLowerCase(Locale.ROOT));
            return size;
        } catch (IOException | RuntimeException e) {
            throw failure(file, "has a damaged header", e);
        } finally {
            dispose(reader);
        }
    }

    /** Decodes the whole image and converts it to {@link BufferedImage#TYPE_INT_RGB}. */
    static BufferedImage readRgb(Path file) throws IOException {
        return toRgb(decode(file));
    }

    /** The union of the masks, binarised (any value above 0 is anomalous). */
    static Mask readMask(List<Path> files) throws IOException {
        Mask union = null;
        for (Path file : files) {
            Raster raster = decode(file).getRaster();
            int w = raster.getWidth();
            int h = raster.getHeight();
            if (union == null) {
                union = Mask.empty(w, h);
            } else if (union.width() != w || union.height() != h) {
                throw new IOException(file + " is " + w + "x" + h + "; expected " + union.width() + "x"
                        + union.height() + " like " + files.get(0));
            }
            int bands = Math.min(3, raster.getNumBands());
            byte[] out = union.pixels();
            int[] row = new int[w];
            for (int b = 0; b < bands; b++) {
                for (int y = 0; y < h; y++) {
                    raster.getSamples(0, y, w, 1, b, row);
                    for (int x = 0; x < w; x++) {
                        if (row[x] > 0) {
                            out[y * w + x] = 1;
                        }
                    }
                }
            }
        }
        if (union == null) {
            throw new IOException("No mask file given; expected at least one");
        }
        return union;
    }

    private static BufferedImage decode(Path file) throws IOException {
        ImageReader reader = reader(file);
        List<String> warnings = new ArrayList<>();
        // The JPEG reader only warns about a premature end; a truncated file must not pass as an image.
        reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
        try {
            BufferedImage image = reader.read(0);
            if (!warnings.isEmpty()) {
                throw new IOException(String.join("; ", warnings));
            }
            return image;
        } catch (IOException | RuntimeException e) {
            throw failure(file, "cannot be decoded", e);
        } finally {
            dispose(reader);
        }
    }

    private static ImageReader reader(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + " does not exist or is not a file; expected an image file");
        }
        ImageInputStream stream;
        try {
            stream = ImageIO.createImageInputStream(file.toFile());
        } catch (IOException e) {
            throw failure(file, "cannot be opened", e);
        }
        if (stream == null) {
            throw new IOException(file + " cannot be opened for reading; expected a readable image file");
        }
        Iterator<ImageReader> readers = ImageIO.getImageReaders(stream);
        if (!readers.hasNext()) {
            stream.close();
            throw new IOException(file + " is not in a known image format (unrecognised header); "
                    + "expected a PNG, JPEG, BMP or TIFF image");
        }
        ImageReader reader = readers.next();
        reader.setInput(stream, true, true);
        return reader;
    }

    private static void dispose(ImageReader reader) {
        Object input = reader.getInput();
        reader.dispose();
        if (input instanceof ImageInputStream stream) {
            try {
                stream.close();
            } catch (IOException e) {
                // nothing was written; a failed close of a read-only stream loses nothing
            }
        }
    }

    private static void checkEnd(Path file, String format) throws IOException {
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long length = in.length();
            if (format.equals("png")) {
                byte[] tail = new byte[PNG_END.length];
                if (length < tail.length) {
                    throw new IOException("is truncated (" + length + " bytes); expected a complete PNG file");
                }
                in.seek(length - tail.length);
                in.readFully(tail);
                if (!java.util.Arrays.equals(tail, PNG_END)) {
                    throw new IOException("is truncated: it does not end with the IEND chunk; "
                            + "expected a complete PNG file");
                }
            } else if (format.equals("jpeg") || format.equals("jpg")) {
                int n = (int) Math.min(length, JPEG_END_WINDOW);
                byte[] tail = new byte[n];
                in.seek(length - n);
                in.readFully(tail);
                for (int i = n - 2; i >= 0; i--) {
                    if (tail[i] == (byte) 0xFF && tail[i + 1] == (byte) 0xD9) {
                        return;
                    }
                }
                throw new IOException("is truncated: no end-of-image marker (FFD9) at the end; "
                        + "expected a complete JPEG file");
            }
        }
    }

    private static IOException failure(Path file, String what, Throwable cause) {
        String message = cause.getMessage();
        if (message != null && message.startsWith(file.toString())) {
            return cause instanceof IOException io ? io : new IOException(message, cause);
        }
        if (message != null && message.startsWith("is ")) {
            return new IOException(file + " " + message, cause);
        }
        return new IOException(file + " " + what + " (" + cause.getClass().getSimpleName() + ": " + message
                + "); expected a complete, readable image file", cause);
    }

    /** Converts to TYPE_INT_RGB; grey values are copied to all three channels (no colour-space conversion). */
    static BufferedImage toRgb(BufferedImage image) {
        if (image.getType() == BufferedImage.TYPE_INT_RGB) {
            return image;
        }
        int w = image.getWidth();
        int h = image.getHeight();
        Raster raster = image.getRaster();
        int bands = raster.getNumBands();
        boolean plain = image.getColorModel() instanceof java.awt.image.ComponentColorModel;
        int bits = raster.getSampleModel().getSampleSize(0);
        if (!plain || (bands != 1 && bands != 3 && bands != 4) || (bits != 8 && bits != 16)) {
            BufferedImage rgb = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = rgb.createGraphics();
            g.drawImage(image, 0, 0, null);
            g.dispose();
            return rgb;
        }
        // Drawing a linear-grey image would apply a gamma curve; copying keeps the stored values.
        int shift = bits - 8;
        BufferedImage rgb = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        int[] out = ((java.awt.image.DataBufferInt) rgb.getRaster().getDataBuffer()).getData();
        int[] row = new int[w * bands];
        for (int y = 0; y < h; y++) {
            raster.getPixels(0, y, w, 1, row);
            int o = y * w;
            for (int x = 0; x < w; x++) {
                if (bands == 1) {
                    int v = row[x] >> shift;
                    out[o + x] = v << 16 | v << 8 | v;
                } else {
                    int p = x * bands;
                    out[o + x] = (row[p] >> shift) << 16 | (row[p + 1] >> shift) << 8 | (row[p + 2] >> shift);
                }
            }
        }
        return rgb;
    }
}

package org.dhad.imageio;

import java.awt.Dimension;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * The one reader of image files for datasets, negative sources and the engine: sizes from the header,
 * whole images or rectangles of them, as stored or as RGB. Every failure is an {@link IOException} whose
 * message starts with the file and says what was expected.
 */
public final class ImageFile {

    private ImageFile() {
    }

    /** Width and height from the header, without decoding pixels. */
    public static Dimension size(Path file) throws IOException {
        return using(file, "has a damaged header", reader -> new Dimension(reader.getWidth(0), reader.getHeight(0)));
    }

    /**
     * Width and height from the header, after checking that the file is complete (PNG IEND, JPEG EOI):
     * a cheap check of a whole data folder, with no pixel decoding.
     */
    public static Dimension checkedSize(Path file) throws IOException {
        return using(file, "has a damaged header", reader -> {
            Dimension size = new Dimension(reader.getWidth(0), reader.getHeight(0));
            FileEnd.check(file, reader.getFormatName().toLowerCase(Locale.ROOT));
            return size;
        });
    }

    /** The whole image as stored (grey stays grey, 16 bits stay 16 bits). */
    public static BufferedImage read(Path file) throws IOException {
        return read(file, null);
    }

    /** {@code region} of the image as stored (the whole image when {@code null}); only the region is decoded. */
    public static BufferedImage read(Path file, Rectangle region) throws IOException {
        return using(file, "cannot be decoded", reader -> decode(reader, region));
    }

    /** The whole image as {@link BufferedImage#TYPE_INT_RGB}, by {@link RgbImages#toRgb}'s rule. */
    public static BufferedImage readRgb(Path file) throws IOException {
        return RgbImages.toRgb(read(file));
    }

    /** {@code region} of the image (the whole image when {@code null}) as {@link BufferedImage#TYPE_INT_RGB}. */
    public static BufferedImage readRgb(Path file, Rectangle region) throws IOException {
        return RgbImages.toRgb(read(file, region));
    }

    /**
     * An image sent as bytes (an upload), as {@link BufferedImage#TYPE_INT_RGB}: the header's size is checked
     * against {@code maxPixels} before any pixel is decoded, and a PNG or JPEG must be complete. Messages start with
     * {@code source}; nothing touches the file system.
     *
     * @throws TooLargeException when the header declares more than {@code maxPixels} pixels
     * @throws IOException       when the bytes are not a complete image in a known format
     */
    public static BufferedImage readRgb(byte[] bytes, String source, long maxPixels) throws IOException {
        if (bytes.length == 0) {
            throw new IOException(source + " is empty; expected a PNG, JPEG, BMP, GIF or TIFF image");
        }
        // in memory: ImageIO's default stream would cache the client's bytes in a temporary file
        ImageInputStream stream = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes));
        ImageReader reader = open(stream, source);
        try {
            long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
            if (pixels > maxPixels) {
                throw new TooLargeException(source + " declares " + reader.getWidth(0) + "x" + reader.getHeight(0)
                        + " pixels, more than the limit of " + maxPixels + " pixels");
            }
            FileEnd.check(bytes, reader.getFormatName().toLowerCase(Locale.ROOT));
            return RgbImages.toRgb(decode(reader, null));
        } catch (TooLargeException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw ReadFailure.of(source, "cannot be decoded", e);
        } finally {
            close(reader);
        }
    }

    /** An image whose header declares more pixels than the reader was allowed to decode. */
    public static final class TooLargeException extends IOException {
        private static final long serialVersionUID = 1L;

        TooLargeException(String message) {
            super(message);
        }
    }

    private static BufferedImage decode(ImageReader reader, Rectangle region) throws IOException {
        List<String> warnings = new ArrayList<>();
        // The JPEG reader only warns about a premature end; a truncated file must not pass as an image.
        reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
        ImageReadParam param = reader.getDefaultReadParam();
        if (region != null) {
            param.setSourceRegion(region);
        }
        BufferedImage image = reader.read(0, param);
        if (!warnings.isEmpty()) {
            throw new IOException(String.join("; ", warnings));
        }
        return image;
    }

    /** What is done with an open reader; ImageIO throws both checked and unchecked exceptions. */
    private interface ReaderUse<T> {
        T apply(ImageReader reader) throws IOException;
    }

    /** Opens the file, applies {@code use} and closes it; a failure says the file {@code what}. */
    private static <T> T using(Path file, String what, ReaderUse<T> use) throws IOException {
        ImageReader reader = open(file);
        try {
            return use.apply(reader);
        } catch (IOException | RuntimeException e) {
            throw ReadFailure.of(file.toString(), what, e);
        } finally {
            close(reader);
        }
    }

    private static ImageReader open(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + " does not exist or is not a file; expected an image file");
        }
        ImageInputStream stream;
        try {
            stream = ImageIO.createImageInputStream(file.toFile());
        } catch (IOException e) {
            throw ReadFailure.of(file.toString(), "cannot be opened", e);
        }
        if (stream == null) {
            throw new IOException(file + " cannot be opened for reading; expected a readable image file");
        }
        return open(stream, file.toString());
    }

    private static ImageReader open(ImageInputStream stream, String source) throws IOException {
        Iterator<ImageReader> readers = ImageIO.getImageReaders(stream);
        if (!readers.hasNext()) {
            stream.close();
            throw new IOException(source + " is not in a known image format (unrecognised header); "
                    + "expected a PNG, JPEG, BMP, GIF or TIFF image");
        }
        ImageReader reader = readers.next();
        reader.setInput(stream, true, true);
        return reader;
    }

    private static void close(ImageReader reader) {
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
}

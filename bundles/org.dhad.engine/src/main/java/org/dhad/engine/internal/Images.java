package org.dhad.engine.internal;

import java.awt.Dimension;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;

import org.dhad.api.data.ClassLabels;
import org.dhad.api.data.Mask;
import org.dhad.api.data.Sample;
import org.dhad.imageio.ImageFile;

/** Resizing with java2d, conversion of RGB images to float CHW in [0,1], and image sizes. */
final class Images {

    private Images() {
    }

    /** Bilinear resize to {@code width x height} as TYPE_INT_RGB (also normalises odd image types). */
    static BufferedImage resize(BufferedImage image, int width, int height) {
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.drawImage(image, 0, 0, width, height, null);
        } finally {
            g.dispose();
        }
        return out;
    }

    /** Nearest-neighbour resize, which keeps masks binary. */
    static Mask resize(Mask mask, int width, int height) {
        if (mask.width() == width && mask.height() == height) {
            return mask;
        }
        int[] from = nearest(mask.width(), mask.height(), width, height);
        byte[] out = new byte[width * height];
        for (int i = 0; i < out.length; i++) {
            out[i] = mask.pixels()[from[i]];
        }
        return new Mask(width, height, out);
    }

    /** Nearest-neighbour resize, which keeps class indices (and the ignored label) as they are. */
    static ClassLabels resize(ClassLabels labels, int width, int height) {
        if (labels.width() == width && labels.height() == height) {
            return labels;
        }
        int[] from = nearest(labels.width(), labels.height(), width, height);
        int[] out = new int[width * height];
        for (int i = 0; i < out.length; i++) {
            out[i] = labels.labels()[from[i]];
        }
        return new ClassLabels(width, height, out);
    }

    /** For each pixel of a {@code width x height} grid, row-major, the index of its nearest source pixel. */
    private static int[] nearest(int sourceWidth, int sourceHeight, int width, int height) {
        int[] from = new int[width * height];
        for (int y = 0; y < height; y++) {
            int sy = Math.min(sourceHeight - 1, (int) ((y + 0.5) * sourceHeight / height));
            for (int x = 0; x < width; x++) {
                int sx = Math.min(sourceWidth - 1, (int) ((x + 0.5) * sourceWidth / width));
                from[y * width + x] = sy * sourceWidth + sx;
            }
        }
        return from;
    }

    /** Writes the image as CHW floats in [0,1] into {@code target} from {@code offset}. */
    /** {@code image} mirrored left to right, as a new RGB image. */
    static BufferedImage mirror(BufferedImage image) {
        int width = image.getWidth();
        int height = image.getHeight();
        BufferedImage mirrored = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        int[] row = new int[width];
        for (int y = 0; y < height; y++) {
            image.getRGB(0, y, width, 1, row, 0, width);
            for (int x = 0, last = width - 1; x < last; x++, last--) {
                int t = row[x];
                row[x] = row[last];
                row[last] = t;
            }
            mirrored.setRGB(0, y, width, 1, row, 0, width);
        }
        return mirrored;
    }

    static void toChw(BufferedImage image, float[] target, int offset) {
        int w = image.getWidth();
        int h = image.getHeight();
        int[] rgb = image.getRGB(0, 0, w, h, null, 0, w);
        int plane = w * h;
        for (int i = 0; i < plane; i++) {
            int p = rgb[i];
            target[offset + i] = ((p >> 16) & 0xff) / 255f;
            target[offset + plane + i] = ((p >> 8) & 0xff) / 255f;
            target[offset + 2 * plane + i] = (p & 0xff) / 255f;
        }
    }

    /** The file a sample's image is read from, when its source names a regular file (generated samples do not). */
    static Optional<Path> file(Sample sample) {
        try {
            Path file = Path.of(sample.source());
            return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
        } catch (InvalidPathException e) {
            return Optional.empty(); // generated samples name their generator
        }
    }

    /**
     * The size of a sample's image: from the file header when its source is an image file (no decoding),
     * otherwise from the decoded image.
     */
    static Dimension size(Sample sample) throws IOException {
        Optional<Path> file = file(sample);
        if (file.isPresent()) {
            try {
                return ImageFile.size(file.get());
            } catch (IOException e) {
                // not an image ImageIO knows (a plugin's own format): the plugin decodes it below
            }
        }
        BufferedImage image = sample.readImage();
        return new Dimension(image.getWidth(), image.getHeight());
    }
}

package org.dhad.data.mvtec.internal;

import java.awt.Dimension;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.dhad.api.data.Mask;
import org.dhad.api.data.Sample;
import org.dhad.api.data.Split;
import org.dhad.imageio.ImageFile;

/**
 * A sample backed by an image file and zero or more mask files (several are united, as in MVTec LOCO).
 * Nothing is decoded until {@link #readImage()} or {@link #readMask()} is called.
 */
final class FileSample implements Sample {

    private final String category;
    private final Split split;
    private final String defectType;
    private final Path image;
    private final List<Path> masks;

    FileSample(String category, Split split, String defectType, Path image, List<Path> masks) {
        this.category = category;
        this.split = split;
        this.defectType = defectType;
        this.image = image.toAbsolutePath();
        this.masks = masks.stream().map(Path::toAbsolutePath).toList();
    }

    @Override
    public String category() {
        return category;
    }

    @Override
    public Split split() {
        return split;
    }

    @Override
    public String defectType() {
        return defectType;
    }

    @Override
    public String name() {
        return stem(image);
    }

    @Override
    public String source() {
        return image.toString();
    }

    Path image() {
        return image;
    }

    List<Path> masks() {
        return masks;
    }

    @Override
    public BufferedImage readImage() throws IOException {
        return ImageFile.readRgb(image);
    }

    /**
     * The united mask files; empty when the sample has none (normal samples, or abnormal samples of a
     * folder dataset without masks).
     *
     * @throws IOException when a mask cannot be read or its size differs from the image's
     */
    @Override
    public Optional<Mask> readMask() throws IOException {
        if (masks.isEmpty()) {
            return Optional.empty();
        }
        Mask mask = MaskFiles.readMask(masks);
        Dimension size = ImageFile.checkedSize(image);
        if (mask.width() != size.width || mask.height() != size.height) {
            throw new IOException(masks.get(0) + " is " + mask.width() + "x" + mask.height() + "; expected "
                    + size.width + "x" + size.height + " like its image " + image);
        }
        return Optional.of(mask);
    }

    /** The file name without its last extension. */
    static String stem(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    @Override
    public String toString() {
        return category + "/" + split + "/" + defectType + "/" + name();
    }
}

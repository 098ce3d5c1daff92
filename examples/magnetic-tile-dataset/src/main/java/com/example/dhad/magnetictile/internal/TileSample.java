package com.example.dhad.magnetictile.internal;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

import org.dhad.api.data.Mask;
import org.dhad.api.data.Sample;
import org.dhad.api.data.Split;

/** One tile: a JPEG and, for defective tiles, its PNG mask. Pixels are read only when asked for. */
final class TileSample implements Sample {

    private final String category;
    private final Split split;
    private final String defectType;
    private final Path image;
    private final Path mask;

    /** @param mask the PNG mask, or {@code null} for a good tile */
    TileSample(String category, Split split, String defectType, Path image, Path mask) {
        this.category = category;
        this.split = split;
        this.defectType = defectType;
        this.image = image.toAbsolutePath();
        this.mask = mask == null ? null : mask.toAbsolutePath();
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

    @Override
    public BufferedImage readImage() throws IOException {
        return TilePixels.toRgb(TilePixels.read(image));
    }

    /**
     * The mask of a defective tile (any non-zero pixel is defective); empty for good tiles, whose
     * all-black masks in {@code MT_Free} carry no information.
     *
     * @throws IOException when the mask cannot be read or its size differs from the image's
     */
    @Override
    public Optional<Mask> readMask() throws IOException {
        if (mask == null) {
            return Optional.empty();
        }
        BufferedImage pixels = TilePixels.read(mask);
        BufferedImage tile = TilePixels.read(image);
        if (pixels.getWidth() != tile.getWidth() || pixels.getHeight() != tile.getHeight()) {
            throw new IOException(mask + " is " + pixels.getWidth() + "x" + pixels.getHeight() + "; expected "
                    + tile.getWidth() + "x" + tile.getHeight() + " like its image " + image);
        }
        return Optional.of(TilePixels.binary(pixels));
    }

    /** The file name without its extension. */
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

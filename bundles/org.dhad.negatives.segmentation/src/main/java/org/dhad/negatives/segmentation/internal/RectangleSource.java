package org.dhad.negatives.segmentation.internal;

import java.awt.Dimension;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;

import org.dhad.api.InvalidSettingException;
import org.dhad.api.Provider;
import org.dhad.api.SettingDescriptor;
import org.dhad.api.Settings;
import org.dhad.api.data.AnomalyDataset;
import org.dhad.api.data.DataException;
import org.dhad.api.data.Mask;
import org.dhad.api.data.NegativePatch;
import org.dhad.api.data.NegativeSampler;
import org.dhad.api.data.NegativeSource;
import org.dhad.imageio.ImageFile;
import org.osgi.service.component.annotations.Component;

/** Random rectangles cut from a folder of images (searched recursively); the shape is the whole rectangle. */
@Component(service = NegativeSource.class, property = Provider.ID_PROPERTY + "=" + RectangleSource.ID)
public final class RectangleSource implements NegativeSource {

    static final String ID = "rectangle";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String displayName() {
        return "Image rectangles";
    }

    @Override
    public String description() {
        return "Pastes random rectangles cut from any folder of images; the simplest negative source.";
    }

    @Override
    public List<SettingDescriptor> settings() {
        return List.of(
                SettingDescriptor.path(AnomalyDataset.ROOT_SETTING, "Root folder", null, "Folder of images (searched recursively)."),
                SettingDescriptor.integer("min-size", "Minimum side", 32, 1, 1 << 16, "Smallest rectangle side in pixels."),
                SettingDescriptor.integer("max-size", "Maximum side", 256, 1, 1 << 16,
                        "Largest rectangle side in pixels (limited by the image)."),
                SettingDescriptor.text("extensions", "Extensions", "png,jpg,jpeg,bmp,tif,tiff",
                        "Comma-separated image file extensions."));
    }

    @Override
    public NegativeSampler open(Settings settings) throws DataException {
        try {
            Path root = SegmentationSource.folder(settings.getPath(AnomalyDataset.ROOT_SETTING).orElseThrow(() -> new DataException(
                    ID + ": setting 'root' is empty; expected a folder of images")), "a folder of images");
            int min = settings.getInt("min-size");
            int max = settings.getInt("max-size");
            if (min > max) {
                throw new DataException(ID + ": min-size " + min + " is larger than max-size " + max
                        + "; expected min-size <= max-size");
            }
            Set<String> extensions = Arrays.stream(settings.getString("extensions").split(","))
                    .map(e -> e.trim().toLowerCase(Locale.ROOT).replaceFirst("^\\.", "")).filter(e -> !e.isEmpty())
                    .collect(Collectors.toSet());
            List<String> problems = new ArrayList<>();
            List<Path> images = LayoutDiscovery.walk(root, problems).stream().filter(p -> {
                String name = p.getFileName().toString();
                int dot = name.lastIndexOf('.');
                return dot > 0 && extensions.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
            }).toList();
            if (images.isEmpty()) {
                throw new DataException(root + " holds no image (" + String.join(", ", extensions)
                        + "); expected a folder of images" + (problems.isEmpty() ? "" : "; " + problems));
            }
            return new Sampler(images, min, max);
        } catch (InvalidSettingException e) {
            throw new DataException(e.getMessage(), e);
        }
    }

    /** Draws rectangles; image sizes are read from headers once and remembered. */
    static final class Sampler implements NegativeSampler {

        private final List<Path> images;
        private final int min;
        private final int max;
        private final Map<Path, Dimension> sizes = new ConcurrentHashMap<>();

        Sampler(List<Path> images, int min, int max) {
            this.images = List.copyOf(images);
            this.min = min;
            this.max = max;
        }

        @Override
        public int size() {
            return images.size();
        }

        @Override
        public NegativePatch draw(RandomGenerator random) throws IOException {
            Path image = images.get(random.nextInt(images.size()));
            Dimension size = sizes.get(image);
            if (size == null) {
                size = ImageFile.size(image);
                sizes.put(image, size);
            }
            int w = side(random, size.width);
            int h = side(random, size.height);
            Rectangle box = new Rectangle(random.nextInt(size.width - w + 1), random.nextInt(size.height - h + 1), w, h);
            BufferedImage pixels = ImageFile.readRgb(image, box);
            Mask shape = new Mask(w, h, filled(w * h));
            return new NegativePatch(pixels, shape, image + " at " + box.x + "," + box.y + " " + w + "x" + h);
        }

        /** A side in [min, max], limited by the image's side. */
        private int side(RandomGenerator random, int limit) {
            int hi = Math.min(max, limit);
            int lo = Math.min(min, hi);
            return lo + random.nextInt(hi - lo + 1);
        }

        private static byte[] filled(int n) {
            byte[] ones = new byte[n];
            Arrays.fill(ones, (byte) 1);
            return ones;
        }
    }
}

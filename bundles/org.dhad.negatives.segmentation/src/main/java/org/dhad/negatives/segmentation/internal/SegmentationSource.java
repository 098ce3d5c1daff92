package org.dhad.negatives.segmentation.internal;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.dhad.api.InvalidSettingException;
import org.dhad.api.Provider;
import org.dhad.api.SettingDescriptor;
import org.dhad.api.Settings;
import org.dhad.api.data.AnomalyDataset;
import org.dhad.api.data.DataException;
import org.dhad.api.data.DecodedCache;
import org.dhad.api.data.LabelledImages;
import org.dhad.api.data.NegativeSampler;
import org.dhad.api.data.NegativeSource;
import org.dhad.negatives.segmentation.internal.LayoutDiscovery.Found;
import org.osgi.service.component.annotations.Component;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shapes of segmentation classes as negatives: ADE20K (scene parsing and full release), CamVid, Pascal
 * VOC, Cityscapes or any image + index-mask folder pair. The shape index is cached under the cache folder
 * (never inside the dataset, which may be shared or read-only) and refreshed per file when sizes or
 * modification times change.
 */
@Component(service = NegativeSource.class, property = Provider.ID_PROPERTY + "=" + SegmentationSource.ID)
public final class SegmentationSource implements NegativeSource {

    static final String ID = "segmentation";
    static final String PATCH_CACHE = "patch-cache-mb";
    private static final Logger LOG = LoggerFactory.getLogger(SegmentationSource.class);

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String displayName() {
        return "Segmentation class shapes";
    }

    @Override
    public String description() {
        return "Cuts the exact shape of a class (or a union of classes, or one connected component) out of "
                + "images of a segmentation dataset: ADE20K, CamVid, Pascal VOC, Cityscapes or your own pairs.";
    }

    @Override
    public List<SettingDescriptor> settings() {
        return List.of(
                SettingDescriptor.path(AnomalyDataset.ROOT_SETTING, "Root folder", "", "Dataset root; the layout is detected (or set)."),
                SettingDescriptor.path("images", "Images", "", "Image folder of a paired layout (instead of root)."),
                SettingDescriptor.path("masks", "Masks", "", "Class-index mask folder matched to images by stem."),
                SettingDescriptor.choice("layout", "Layout", LayoutDiscovery.AUTO, List.of(LayoutDiscovery.AUTO,
                        LayoutDiscovery.ADE_CHALLENGE, LayoutDiscovery.ADE_FULL, LayoutDiscovery.PAIRED),
                        "How images and masks are laid out under root."),
                SettingDescriptor.text("ignore-classes", "Ignored classes", "auto", "Comma-separated class indices "
                        + "never used as shapes; auto: 0 for ADE20K, 11 for CamVid, 255 for VOC and other pairs, "
                        + "0-3 for Cityscapes; none: no class ignored."),
                SettingDescriptor.integer("min-area", "Minimum area", 1024, 1, Integer.MAX_VALUE,
                        "Smallest shape in pixels at the mask's resolution."),
                SettingDescriptor.choice("shape", "Shape", "class", List.of("class", "union", "component"),
                        "One class's pixels, the union of 2-3 classes of an image, or one connected component."),
                SettingDescriptor.integer("max-images", "Maximum images", 0, 0, Integer.MAX_VALUE,
                        "Use only the first N image pairs (sorted by mask path); 0 means all."),
                SettingDescriptor.text("image-suffix", "Image suffix", "", "Removed from image stems before matching."),
                SettingDescriptor.text("mask-suffix", "Mask suffix", "", "Removed from mask stems before matching; "
                        + "masks without it are ignored."),
                SettingDescriptor.path("cache-dir", "Cache folder", "~/.dhad/cache",
                        "Where the shape index is cached."),
                SettingDescriptor.integer(PATCH_CACHE, "Patch cache (MB)", 256, 0, 1 << 20, "Memory for cut shapes "
                        + "(crop and mask), least recently used out first; a shape drawn again is not decoded again. "
                        + "Draws are the same with any size; 0 decodes every draw."));
    }

    @Override
    public NegativeSampler open(Settings settings) throws DataException {
        return open(settings, DecodedCache.NONE);
    }

    /** Keeps in {@code decoded} the class and component shapes it cuts, each file's decoded once for all. */
    @Override
    public NegativeSampler open(Settings settings, DecodedCache decoded) throws DataException {
        try {
            return index(settings, decoded);
        } catch (InvalidSettingException e) {
            throw new DataException(e.getMessage(), e);
        }
    }

    @Override
    public boolean providesClassLabels() {
        return true;
    }

    @Override
    public LabelledImages openLabelled(Settings settings) throws DataException {
        try {
            Located located = locate(settings);
            List<LayoutDiscovery.Pair> pairs = firstPairs(located, settings);
            return LabelledPairs.of(located.identity() + " (" + located.found().layout() + ")", pairs,
                    located.found().adeFull(), ignored(settings.getString("ignore-classes"),
                            located.found().defaultIgnore()), located.found().problems());
        } catch (InvalidSettingException e) {
            throw new DataException(e.getMessage(), e);
        }
    }

    /** The pairs found and the folder(s) they were found in. */
    private record Located(Found found, String identity) {
    }

    private static Located locate(Settings settings) throws DataException {
        Optional<Path> images = settings.getPath("images");
        Optional<Path> masks = settings.getPath("masks");
        Optional<Path> root = settings.getPath(AnomalyDataset.ROOT_SETTING);
        Found found;
        String identity;
        if (images.isPresent() && masks.isPresent()) {
            Path i = folder(images.get(), "a folder of images");
            Path m = folder(masks.get(), "a folder of class-index masks");
            found = LayoutDiscovery.paired(i, m, settings.getString("image-suffix"), settings.getString("mask-suffix"));
            identity = i + "|" + m;
        } else if (root.isPresent()) {
            Path r = folder(root.get(), "a segmentation dataset root folder");
            found = LayoutDiscovery.discover(r, settings.getString("layout"));
            identity = r.toString();
        } else {
            throw new DataException(ID + ": neither 'root' nor both 'images' and 'masks' are set; expected a dataset "
                    + "root folder or an image folder and a mask folder");
        }
        if (found.pairs().isEmpty()) {
            throw new DataException(identity + " (" + found.layout() + ") has no image + mask pairs; expected images "
                    + "and masks with matching file names" + (found.problems().isEmpty() ? ""
                            : "; problems: " + String.join("; ", found.problems())));
        }
        return new Located(found, identity);
    }

    private static List<LayoutDiscovery.Pair> firstPairs(Located located, Settings settings) {
        int maxImages = settings.getInt("max-images");
        List<LayoutDiscovery.Pair> all = located.found().pairs();
        return maxImages > 0 && maxImages < all.size() ? all.subList(0, maxImages) : all;
    }

    private NegativeSampler index(Settings settings, DecodedCache decoded) throws DataException {
        Located located = locate(settings);
        Found found = located.found();
        String identity = located.identity();
        List<LayoutDiscovery.Pair> pairs = firstPairs(located, settings);
        Set<Integer> ignore = ignored(settings.getString("ignore-classes"), found.defaultIgnore());
        int minArea = settings.getInt("min-area");
        ShapeSampler.Mode mode = ShapeSampler.Mode.valueOf(settings.getString("shape").trim().toUpperCase(Locale.ROOT));
        boolean components = mode == ShapeSampler.Mode.COMPONENT;
        Path cacheDir = settings.getPath("cache-dir").orElse(Path.of(System.getProperty("user.home"), ".dhad/cache"));
        Path cacheFile = cacheDir.toAbsolutePath().resolve("shapes-" + hash(identity + "|" + found.layout() + "|"
                + found.adeFull() + "|" + ignore + "|" + minArea + "|" + components) + ".json");
        ShapeIndex index = new ShapeIndex(new ShapeFinder(ignore, minArea, components), found.adeFull());
        List<String> problems = new ArrayList<>(found.problems());
        List<IndexedFile> files = index.build(pairs, cacheFile, problems);
        problems.forEach(p -> LOG.warn("{}", p));
        LOG.info("{}: {} ({}) gives shapes from {} of {} images; {} masks decoded, cache {}", ID, identity,
                found.layout(), files.size(), pairs.size(), index.masksRead(), cacheFile);
        ShapeSampler sampler = new ShapeSampler(files, mode, found.adeFull(), index.masksRead(), problems,
                settings.getInt(PATCH_CACHE) * 1024L * 1024L, mode == ShapeSampler.Mode.UNION ? DecodedCache.NONE
                        : decoded, "min-area " + minArea + "|ignore " + ignore);
        LOG.info("{}: patch cache {} MB; {}; disk tier {}", ID, settings.getInt(PATCH_CACHE), sampler.cutsWholeFiles()
                ? "all shapes fit, so a miss cuts every shape of its file from one decoding"
                : decoded.enabled() && mode != ShapeSampler.Mode.UNION
                        ? "a miss reads the shape from the disk tier, or cuts every shape of its file and stores them there"
                        : "a miss cuts the one shape drawn", decoded.folder().map(Path::toString).orElse("off"));
        if (sampler.size() == 0) {
            throw new DataException(identity + " (" + found.layout() + ") has no " + (mode == ShapeSampler.Mode.UNION
                    ? "image with two classes" : "shape") + " of at least " + minArea + " pixels outside the ignored "
                    + "classes " + ignore + "; expected larger labelled regions or a smaller min-area"
                    + (problems.isEmpty() ? "" : "; problems: " + String.join("; ", problems)));
        }
        return sampler;
    }

    static Path folder(Path folder, String expected) throws DataException {
        Path absolute = folder.toAbsolutePath().normalize();
        if (!Files.exists(absolute)) {
            throw new DataException(absolute + " does not exist; expected " + expected);
        }
        if (!Files.isDirectory(absolute) || !Files.isReadable(absolute)) {
            throw new DataException(absolute + " is not a readable folder; expected " + expected);
        }
        return absolute;
    }

    private static Set<Integer> ignored(String value, Set<Integer> defaults) throws DataException {
        String v = value.trim().toLowerCase(Locale.ROOT);
        if (v.equals("auto")) {
            return new TreeSet<>(defaults);
        }
        Set<Integer> classes = new TreeSet<>();
        if (v.isEmpty() || v.equals("none")) {
            return classes;
        }
        for (String part : v.split(",")) {
            try {
                classes.add(Integer.parseInt(part.trim()));
            } catch (NumberFormatException e) {
                throw new DataException(ID + ": setting 'ignore-classes' has value '" + value + "'; expected auto, "
                        + "none or comma-separated class indices", e);
            }
        }
        return classes;
    }

    private static String hash(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}

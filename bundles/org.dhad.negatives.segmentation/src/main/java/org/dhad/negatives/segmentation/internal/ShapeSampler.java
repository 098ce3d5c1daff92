package org.dhad.negatives.segmentation.internal;

import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.random.RandomGenerator;

import org.dhad.api.data.DecodedCache;
import org.dhad.api.data.Mask;
import org.dhad.api.data.NegativePatch;
import org.dhad.api.data.NegativeSampler;
import org.dhad.imageio.ImageFile;
import org.dhad.imageio.RgbImages;

/**
 * Draws class shapes, unions of 2-3 classes of one image, or connected components from an index. Immutable
 * after construction, so concurrent draws are safe; every choice comes from the caller's generator.
 */
final class ShapeSampler implements NegativeSampler {

    /** What one drawn shape is. */
    enum Mode {
        CLASS, UNION, COMPONENT
    }

    /** Changes with the cut or the stored layout, so that older entries on disk are never found. */
    private static final int DISK_FORMAT = 1;

    private final List<IndexedFile> files;
    private final Mode mode;
    private final boolean adeFull;
    private final List<int[]> entries = new ArrayList<>();
    private final int masksRead;
    private final List<String> problems;
    private final PatchCache cache;
    private final DecodedCache disk;
    private final String cutBy;
    private final AtomicLong diskHits = new AtomicLong();
    private final AtomicLong filesDecoded = new AtomicLong();
    /** Whether a miss cuts every shape of its file: only when all shapes fit the cache, so each file decodes once. */
    private final boolean wholeFiles;
    /** Files being cut whole by some thread, so that a second thread waits instead of decoding the file again. */
    private final ConcurrentHashMap<Integer, CompletableFuture<Map<Object, NegativePatch>>> cutting =
            new ConcurrentHashMap<>();

    /** {@code cacheBytes}: memory for cut patches (0: every draw decodes its image and mask). */
    ShapeSampler(List<IndexedFile> files, Mode mode, boolean adeFull, int masksRead, List<String> problems,
            long cacheBytes) {
        this(files, mode, adeFull, masksRead, problems, cacheBytes, DecodedCache.NONE, "");
    }

    /**
     * @param disk      where the shapes of a file, once cut, are kept for later processes
     * @param cutBy     the source's settings that decide the shapes (beyond the index's own), for the disk keys
     */
    ShapeSampler(List<IndexedFile> files, Mode mode, boolean adeFull, int masksRead, List<String> problems,
            long cacheBytes, DecodedCache disk, String cutBy) {
        this.cache = new PatchCache(cacheBytes);
        this.disk = disk;
        this.cutBy = cutBy;
        this.files = List.copyOf(files);
        long allShapes = 0;
        for (IndexedFile file : this.files) {
            for (Shape shape : file.shapes()) {
                allShapes += PatchCache.bytes(shape.box().width, shape.box().height);
            }
        }
        // Cutting a whole file decodes all its rows; worth it only if the other shapes stay until they are drawn.
        this.wholeFiles = mode != Mode.UNION && cacheBytes > 0 && allShapes <= cacheBytes;
        this.mode = mode;
        this.adeFull = adeFull;
        this.masksRead = masksRead;
        this.problems = List.copyOf(problems);
        for (int f = 0; f < this.files.size(); f++) {
            int shapes = this.files.get(f).shapes().size();
            if (mode == Mode.UNION) {
                if (shapes >= 2) {
                    entries.add(new int[] {f, -1});
                }
            } else {
                for (int s = 0; s < shapes; s++) {
                    entries.add(new int[] {f, s});
                }
            }
        }
    }

    @Override
    public int size() {
        return entries.size();
    }

    @Override
    public NegativePatch draw(RandomGenerator random) throws IOException {
        int[] entry = entries.get(random.nextInt(entries.size()));
        IndexedFile file = files.get(entry[0]);
        if (mode != Mode.UNION) {
            List<Integer> key = List.of(entry[0], entry[1]);
            if (!wholeFiles && !disk.enabled()) {
                return cache.get(key, () -> Map.of(key, cut(file, List.of(file.shapes().get(entry[1])))));
            }
            // a shape on disk is read alone; a miss there cuts (and stores) every shape of the file from one decoding
            return cache.get(key, () -> {
                NegativePatch stored = fromDisk(file, entry[1]);
                if (stored != null) {
                    return Map.of(key, stored);
                }
                Map<Object, NegativePatch> all = cutOnce(entry[0], entry[1]);
                return wholeFiles ? all : Map.of(key, all.get(key));
            });
        }
        int available = file.shapes().size();
        int k = Math.min(available, 2 + random.nextInt(2));
        int[] order = java.util.stream.IntStream.range(0, available).toArray();
        List<Shape> chosen = new ArrayList<>();
        List<Integer> key = new ArrayList<>(List.of(entry[0]));
        for (int i = 0; i < k; i++) {
            int j = i + random.nextInt(available - i);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
            chosen.add(file.shapes().get(order[i]));
            key.add(order[i]);
        }
        return cache.get(key, () -> Map.of(key, cut(file, chosen)));
    }

    /** The patch of the given shapes of one file: image cropped to their joint box, exact shape mask. */
    NegativePatch cut(IndexedFile file, List<Shape> shapes) throws IOException {
        Rectangle box = box(shapes);
        return patch(file, shapes, box, LabelMap.read(file.mask(), box, adeFull), ImageFile.readRgb(file.image(), box));
    }

    /**
     * {@link #cutAll} of file {@code f}, or the result of the thread already cutting it. When the whole file cannot
     * be decoded (a truncated file whose drawn shape lies in the readable part), shape {@code s} is cut by region
     * reads, exactly as without a cache, so that the cache's size never decides whether a draw succeeds.
     */
    private Map<Object, NegativePatch> cutOnce(int f, int s) throws IOException {
        CompletableFuture<Map<Object, NegativePatch>> mine = new CompletableFuture<>();
        CompletableFuture<Map<Object, NegativePatch>> running = cutting.putIfAbsent(f, mine);
        if (running != null) {
            try {
                return running.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("Interrupted while " + files.get(f).image() + " was being cut", e);
            } catch (ExecutionException e) {
                return Map.of(List.of(f, s), cut(files.get(f), List.of(files.get(f).shapes().get(s))));
            }
        }
        try {
            Map<Object, NegativePatch> patches = cutAll(f);
            mine.complete(patches);
            return patches;
        } catch (IOException | RuntimeException e) {
            mine.completeExceptionally(e);
            return Map.of(List.of(f, s), cut(files.get(f), List.of(files.get(f).shapes().get(s))));
        } finally {
            cutting.remove(f, mine);
        }
    }

    /** Whether a miss cuts every shape of its file (all shapes fit the cache), for tests and diagnostics. */
    boolean cutsWholeFiles() {
        return wholeFiles;
    }

    /**
     * Every shape of file {@code f} by key ({@code [f, shape]}) from one decoding of its image and mask, equal to
     * what {@link #cut} gives shape by shape (region reads decode the same rows), so that one decoding fills the
     * cache with all shapes of the file.
     */
    private Map<Object, NegativePatch> cutAll(int f) throws IOException {
        IndexedFile file = files.get(f);
        filesDecoded.incrementAndGet();
        LabelMap mask = LabelMap.read(file.mask(), null, adeFull);
        BufferedImage image = ImageFile.readRgb(file.image());
        Map<Object, NegativePatch> patches = new HashMap<>();
        boolean sameSize = image.getWidth() == mask.width() && image.getHeight() == mask.height();
        for (int s = 0; s < file.shapes().size(); s++) {
            List<Shape> shape = List.of(file.shapes().get(s));
            Rectangle box = box(shape);
            // a mask larger than its image: region reads of the image decide what happens, as without a cache
            patches.put(List.of(f, s), sameSize ? patch(file, shape, box, mask.crop(box), crop(image, box))
                    : cut(file, shape));
        }
        if (disk.enabled()) {
            for (int s = 0; s < file.shapes().size(); s++) {
                String key = diskKey(file, s);
                if (key != null) {
                    disk.write(key, toBytes(patches.get(List.of(f, s))));
                }
            }
        }
        return patches;
    }

    /**
     * The disk tier's key of shape {@code s} of a file: the image and mask as they are now, the source's settings,
     * the shape as the index has it, and the Java runtime (whose decoders give the pixels); null without a disk tier
     * or when a file cannot be read (the decoding then says why).
     */
    private String diskKey(IndexedFile file, int s) {
        if (!disk.enabled()) {
            return null;
        }
        try {
            return "negative-shape v" + DISK_FORMAT + "|" + mode + "|ade-full " + adeFull + "|" + cutBy + "|"
                    + DecodedCache.fileIdentity(file.image()) + "|" + DecodedCache.fileIdentity(file.mask()) + "|"
                    + Arrays.toString(file.shapes().get(s).toArray()) + "|" + Runtime.version();
        } catch (IOException e) {
            return null;
        }
    }

    /** A patch as stored: its size, RGB ints and mask bytes. */
    private static ByteBuffer toBytes(NegativePatch patch) {
        int width = patch.shape().width();
        int height = patch.shape().height();
        ByteBuffer out = ByteBuffer.allocate(8 + RgbImages.bytes(width, height) + width * height);
        out.putInt(width).putInt(height);
        RgbImages.put(patch.image(), out);
        out.put(patch.shape().pixels());
        return out.flip();
    }

    /** Shape {@code s} of a file from the disk tier, or null when there is no entry of the expected layout. */
    private NegativePatch fromDisk(IndexedFile file, int s) {
        String key = diskKey(file, s);
        Optional<ByteBuffer> stored = key == null ? Optional.empty() : disk.read(key);
        if (stored.isEmpty()) {
            return null;
        }
        List<Shape> shape = List.of(file.shapes().get(s));
        Rectangle box = box(shape);
        ByteBuffer in = stored.get();
        // the key names the shape, so only a changed layout fails here
        if (in.remaining() != 8 + RgbImages.bytes(box.width, box.height) + (long) box.width * box.height
                || in.getInt() != box.width || in.getInt() != box.height) {
            return null;
        }
        BufferedImage image = RgbImages.get(in, box.width, box.height);
        byte[] mask = new byte[box.width * box.height];
        in.get(mask);
        diskHits.incrementAndGet();
        return new NegativePatch(image, new Mask(box.width, box.height, mask), source(file, shape, box));
    }

    /** Shapes read from the disk tier instead of cut from a decoding, for tests and diagnostics. */
    long diskHits() {
        return diskHits.get();
    }

    /** Files decoded whole to cut all their shapes, for tests and diagnostics. */
    long filesDecoded() {
        return filesDecoded.get();
    }

    private static Rectangle box(List<Shape> shapes) {
        Rectangle box = new Rectangle(shapes.get(0).box());
        for (Shape shape : shapes) {
            box.add(shape.box());
        }
        return box;
    }

    /** A copy of {@code box} of an RGB image (a sub-image would keep the whole image in memory). */
    private static BufferedImage crop(BufferedImage image, Rectangle box) {
        BufferedImage out = new BufferedImage(box.width, box.height, BufferedImage.TYPE_INT_RGB);
        out.setRGB(0, 0, box.width, box.height,
                image.getRGB(box.x, box.y, box.width, box.height, null, 0, box.width), 0, box.width);
        return out;
    }

    private NegativePatch patch(IndexedFile file, List<Shape> shapes, Rectangle box, LabelMap region,
            BufferedImage image) {
        Set<Integer> labels = new HashSet<>();
        for (Shape shape : shapes) {
            labels.add(shape.label());
        }
        byte[] pixels = new byte[box.width * box.height];
        Shape first = shapes.get(0);
        if (shapes.size() == 1 && first.component()) {
            ShapeFinder.fill(region.labels(), pixels, box.width, box.height, first.seedX() - box.x,
                    first.seedY() - box.y, first.label());
        } else {
            int[] values = region.labels();
            for (int i = 0; i < pixels.length; i++) {
                pixels[i] = labels.contains(values[i]) ? (byte) 1 : 0;
            }
        }
        return new NegativePatch(image, new Mask(box.width, box.height, pixels), source(file, shapes, box));
    }

    /** What a patch names as its source: the image, the class(es) or component, and the box. */
    private static String source(IndexedFile file, List<Shape> shapes, Rectangle box) {
        Set<Integer> labels = new TreeSet<>();
        for (Shape shape : shapes) {
            labels.add(shape.label());
        }
        return file.image() + " " + (shapes.get(0).component() ? "component of class " : "class ")
                + List.copyOf(labels) + " at " + box.x + "," + box.y + " " + box.width + "x" + box.height;
    }

    /** The indexed files, for tests and diagnostics. */
    List<IndexedFile> files() {
        return files;
    }

    /** Number of masks decoded while opening (0 when the whole index came from the cache). */
    int masksRead() {
        return masksRead;
    }

    /** The cache of cut patches, for tests and the benchmark's hit counts. */
    PatchCache cache() {
        return cache;
    }

    /** Files left out while indexing, and why. */
    List<String> problems() {
        return problems;
    }
}

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
            if (wholeFiles) {
                return cache.get(key, () -> cutOnce(entry[0], entry[1]));
            }
            // the disk tier keeps whole files: one decoding serves every later draw of the file, in later processes
            return cache.get(key, () -> Map.of(key, disk.enabled() ? cutOnce(entry[0], entry[1]).get(key)
                    : cut(file, List.of(file.shapes().get(entry[1])))));
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
        String diskKey = diskKey(file);
        if (diskKey != null) {
            Map<Object, NegativePatch> stored = fromDisk(f, diskKey);
            if (stored != null) {
                return stored;
            }
        }
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
        if (diskKey != null) {
            disk.write(diskKey, toBytes(f, patches));
        }
        return patches;
    }

    /**
     * The disk tier's key of a file's shapes: the image and mask as they are now, the source's settings, the shapes
     * of the index, and the Java runtime (whose decoders give the pixels); null without a disk tier or when a file
     * cannot be read (the decoding then says why).
     */
    private String diskKey(IndexedFile file) {
        if (!disk.enabled()) {
            return null;
        }
        StringBuilder key = new StringBuilder("negative-shapes v").append(DISK_FORMAT).append('|').append(mode)
                .append("|ade-full ").append(adeFull).append('|').append(cutBy);
        try {
            key.append('|').append(DecodedCache.fileIdentity(file.image())).append('|')
                    .append(DecodedCache.fileIdentity(file.mask()));
        } catch (IOException e) {
            return null;
        }
        for (Shape shape : file.shapes()) {
            key.append('|').append(Arrays.toString(shape.toArray()));
        }
        return key.append('|').append(Runtime.version()).toString();
    }

    /** Every shape of file {@code f} as stored: per shape its size, RGB bytes and mask bytes. */
    private ByteBuffer toBytes(int f, Map<Object, NegativePatch> patches) {
        int shapes = files.get(f).shapes().size();
        long bytes = 4;
        for (int s = 0; s < shapes; s++) {
            NegativePatch patch = patches.get(List.of(f, s));
            bytes += 8 + 4L * patch.shape().width() * patch.shape().height();
        }
        ByteBuffer out = ByteBuffer.allocate(Math.toIntExact(bytes));
        out.putInt(shapes);
        for (int s = 0; s < shapes; s++) {
            NegativePatch patch = patches.get(List.of(f, s));
            out.putInt(patch.shape().width()).putInt(patch.shape().height());
            RgbImages.put(patch.image(), out);
            out.put(patch.shape().pixels());
        }
        return out.flip();
    }

    /** The shapes of file {@code f} from the disk tier, or null when there is no entry of the expected layout. */
    private Map<Object, NegativePatch> fromDisk(int f, String key) {
        Optional<ByteBuffer> stored = disk.read(key);
        if (stored.isEmpty()) {
            return null;
        }
        IndexedFile file = files.get(f);
        ByteBuffer in = stored.get();
        if (in.remaining() < 4 || in.getInt() != file.shapes().size()) {
            return null; // the key names the shapes, so only a changed layout gets here
        }
        Map<Object, NegativePatch> patches = new HashMap<>();
        for (int s = 0; s < file.shapes().size(); s++) {
            List<Shape> shape = List.of(file.shapes().get(s));
            Rectangle box = box(shape);
            if (in.remaining() < 8 || in.getInt() != box.width || in.getInt() != box.height
                    || in.remaining() < 4L * box.width * box.height) {
                return null;
            }
            BufferedImage image = RgbImages.get(in, box.width, box.height);
            byte[] mask = new byte[box.width * box.height];
            in.get(mask);
            patches.put(List.of(f, s), new NegativePatch(image, new Mask(box.width, box.height, mask),
                    source(file, shape, box)));
        }
        if (in.hasRemaining()) {
            return null;
        }
        diskHits.incrementAndGet();
        return patches;
    }

    /** Files whose shapes came from the disk tier instead of a decoding, for tests and diagnostics. */
    long diskHits() {
        return diskHits.get();
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

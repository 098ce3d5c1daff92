package org.dhad.cli.internal;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.dhad.api.PluginException;
import org.dhad.api.Settings;
import org.dhad.api.data.AnomalyDataset;
import org.dhad.api.data.DecodedCache;
import org.dhad.api.data.NegativeSampler;
import org.dhad.api.data.NegativeSource;
import org.dhad.api.registry.PluginRegistry;
import org.dhad.api.training.FreezePolicy;
import org.dhad.engine.EngineException;
import org.dhad.engine.TrainingService;
import org.dhad.experiment.ExperimentSpec;
import org.dhad.experiment.LossPreset;
import org.dhad.experiment.PasteMode;
import org.dhad.experiment.PasteSpec;
import org.dhad.experiment.PluginChoice;
import org.dhad.experiment.Schedule;
import org.dhad.experiment.ScoreKind;
import org.dhad.imageio.DecodedCacheFolder;

/**
 * {@code dhad bench --data}: training images per second through the engine's own loader (decode, resize, paste,
 * on the loader threads) and negative patches per second per source, each cold (nothing cached) and warm, measured
 * several times so that the spread shows the machine's noise.
 */
final class DataBench {

    /** Targets of issue 16 on 2 cores. */
    static final double IMAGES_TARGET = 150;
    static final double PATCHES_TARGET = 200;

    private static final String PATCH_CACHE = "patch-cache-mb";
    private static final int EPOCHS = 8;

    private final TrainingService training;
    private final PluginRegistry registry;
    private final Options options;
    private final TextTable table = new TextTable("SOURCE", "ITEMS/S (MEDIAN, MIN-MAX)", "TARGET", "");

    /**
     * What to measure: the dataset and negatives roots may be null (the embedded synthetic data then); the disk
     * tier's folder too (a temporary folder then, emptied before each repeat, so that cold means cold).
     */
    record Options(Path datasetRoot, String category, Path negativesRoot, int size, int threads, int repeats,
            int draws, Path diskCacheDir) {
    }

    DataBench(TrainingService training, PluginRegistry registry, Options options) {
        this.training = training;
        this.registry = registry;
        this.options = options;
    }

    void run(PrintWriter out) throws EngineException, PluginException, IOException, InterruptedException {
        out.printf(Locale.ROOT, "Data pipeline, %d loader threads on %d processors, %dx%d, %d repeats of each figure%n",
                options.threads(), Runtime.getRuntime().availableProcessors(), options.size(), options.size(),
                options.repeats());
        long diskBytes = training.decodedCache().budgetBytes();
        Path temporary = null;
        Path folder = options.diskCacheDir();
        if (diskBytes > 0 && folder == null) {
            temporary = Files.createTempDirectory("dhad-bench-data-cache");
            folder = temporary;
        }
        out.println(diskBytes == 0 ? "Disk tier off (DHAD_DATA_CACHE_DISK_MB=0): no disk-warm rows"
                : "Disk tier in " + folder + (temporary != null ? " (temporary, emptied before each repeat)"
                        : " (as it is: the cold rows are cold only if it was empty)") + ", " + (diskBytes >> 20) + " MB");
        out.flush();
        try {
            DiskTier disk = new DiskTier(folder, diskBytes, temporary != null);
            trainingImages(disk);
            if (options.negativesRoot() != null) {
                segmentation("class", disk);
                rectangles();
            }
            synthetic();
        } finally {
            if (temporary != null) {
                SweepCommand.deleteTree(temporary);
            }
        }
        table.print(out);
        out.println("Cold: the first epoch (every image decoded, and written to the disk tier) or draws with the patch "
                + "cache and the disk tier off (every patch decoded); warm: later epochs and repeated draws, served from "
                + "memory; disk-warm: what a new process does first when an earlier one filled the disk tier (empty "
                + "memory caches reading the disk tier). File bytes stay in the operating system's page cache in all. "
                + "The spread of the repeats is this machine's noise.");
        out.flush();
    }

    /** The bench's disk tier: a fresh, empty one for each repeat when the folder is the bench's own. */
    private record DiskTier(Path folder, long budgetBytes, boolean own) {

        DecodedCache fresh(int repeat) {
            if (budgetBytes == 0) {
                return DecodedCache.NONE;
            }
            return new DecodedCacheFolder(own ? folder.resolve("repeat-" + repeat) : folder, budgetBytes);
        }
    }

    private void trainingImages(DiskTier disk) throws EngineException {
        String data = options.datasetRoot() == null ? "synthetic"
                : "mvtec " + (options.category() == null ? "(all categories)" : options.category());
        String negatives = options.negativesRoot() == null ? "synthetic" : "segmentation";
        String name = data + " training images (decode, resize, paste " + negatives + ")";
        double target = options.datasetRoot() == null ? Double.NaN : IMAGES_TARGET;
        ExperimentSpec cached = spec(-1);
        double[] cold = new double[options.repeats()];
        double[] warm = new double[options.repeats()];
        double[] none = new double[options.repeats()];
        double[] diskWarm = new double[options.repeats()];
        for (int r = 0; r < options.repeats(); r++) {
            DecodedCache decoded = disk.fresh(r);
            double[] rates = training.measureLoading(cached, EPOCHS, -1, decoded);
            cold[r] = rates[0];
            warm[r] = Arrays.stream(rates, 1, rates.length).average().orElse(Double.NaN);
            // a new process: empty memory caches (image and patch), the disk tier the epochs above filled
            diskWarm[r] = training.measureLoading(cached, 1, -1, decoded)[0];
            double[] uncached = training.measureLoading(spec(0), 2, 0, DecodedCache.NONE);
            none[r] = (uncached[0] + uncached[1]) / 2;
        }
        row(name + ", no caches", none, target);
        row(name + ", cold (epoch 1)", cold, target);
        row(name + ", warm (epochs 2-" + EPOCHS + ")", warm, target);
        if (disk.budgetBytes() > 0) {
            row(name + ", disk-warm (a new process's epoch 1)", diskWarm, target);
        }
    }

    /** The loading experiment; {@code patchCacheMb} &lt; 0 leaves the patch cache at its default. */
    private ExperimentSpec spec(int patchCacheMb) {
        PluginChoice dataset;
        List<String> categories;
        if (options.datasetRoot() == null) {
            dataset = new PluginChoice("synthetic", Map.of("image-size", Integer.toString(options.size()),
                    "categories", "fabric", "train-count", "64"));
            categories = List.of();
        } else {
            dataset = new PluginChoice("mvtec", Map.of(AnomalyDataset.ROOT_SETTING, options.datasetRoot().toString()));
            categories = options.category() == null ? List.of() : List.of(options.category());
        }
        PluginChoice negatives = options.negativesRoot() == null ? PluginChoice.of("synthetic")
                : new PluginChoice("segmentation", segmentationSettings("class", patchCacheMb));
        return new ExperimentSpec("bench-data", PluginChoice.of("deeplabv3"), null, dataset, categories, negatives,
                PasteSpec.defaults(PasteMode.MASK), LossPreset.PAPER.weights(), FreezePolicy.NONE,
                Schedule.paper().with(Schedule.INPUT_SIZE, options.size())
                        .with(Schedule.LOADER_THREADS, options.threads()).with(Schedule.DEVICE, "cpu"),
                0, List.of("pixel-auroc"), ScoreKind.HYBRID);
    }

    private Map<String, String> segmentationSettings(String shape, int patchCacheMb) {
        Map<String, String> settings = new HashMap<>(Map.of(AnomalyDataset.ROOT_SETTING,
                options.negativesRoot().toString(), "shape", shape));
        if (patchCacheMb >= 0) {
            settings.put(PATCH_CACHE, Integer.toString(patchCacheMb));
        }
        return settings;
    }

    private void segmentation(String shape, DiskTier disk) throws PluginException, InterruptedException {
        double[] off = new double[options.repeats()];
        double[] first = new double[options.repeats()];
        double[] warm = new double[options.repeats()];
        double[] diskWarm = new double[options.repeats()];
        int shapes = 0;
        for (int r = 0; r < options.repeats(); r++) {
            off[r] = drawRate(open("segmentation", segmentationSettings(shape, 0), DecodedCache.NONE),
                    Math.max(20, options.draws() / 10));
            // its own folder: the training rows above filled theirs with these files' shapes
            DecodedCache decoded = disk.fresh(options.repeats() + r);
            NegativeSampler cached = open("segmentation", segmentationSettings(shape, -1), decoded);
            shapes = cached.size();
            first[r] = drawRate(cached, options.draws());
            warm[r] = drawRate(cached, options.draws());
            diskWarm[r] = drawRate(open("segmentation", segmentationSettings(shape, -1), decoded), options.draws());
        }
        String name = "segmentation " + shape + " patches (" + shapes + " shapes)";
        row(name + ", cold (patch cache off)", off, PATCHES_TARGET);
        row(name + ", first " + options.draws() + " draws into the cache", first, PATCHES_TARGET);
        row(name + ", warm (the same draws again, all hits)", warm, PATCHES_TARGET);
        if (disk.budgetBytes() > 0) {
            row(name + ", disk-warm (a new process's first " + options.draws() + " draws)", diskWarm, PATCHES_TARGET);
        }
    }

    private void rectangles() throws PluginException, InterruptedException {
        double[] rates = new double[options.repeats()];
        for (int r = 0; r < options.repeats(); r++) {
            rates[r] = drawRate(open("rectangle", Map.of(AnomalyDataset.ROOT_SETTING,
                    options.negativesRoot().toString())), Math.max(20, options.draws() / 10));
        }
        row("rectangle patches (no cache)", rates, Double.NaN);
    }

    private void synthetic() throws PluginException, InterruptedException {
        double[] rates = new double[options.repeats()];
        for (int r = 0; r < options.repeats(); r++) {
            rates[r] = drawRate(open("synthetic", Map.of()), options.draws());
        }
        row("synthetic patches", rates, Double.NaN);
    }

    private NegativeSampler open(String id, Map<String, String> values) throws PluginException {
        return open(id, values, DecodedCache.NONE);
    }

    private NegativeSampler open(String id, Map<String, String> values, DecodedCache decoded) throws PluginException {
        NegativeSource source = registry.get(NegativeSource.class, id);
        return source.open(new Settings(id, source.settings(), values), decoded);
    }

    /** Patches per second of draws with seeds 0 to {@code draws - 1} on the loader threads. */
    private double drawRate(NegativeSampler sampler, int draws) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(options.threads());
        AtomicInteger next = new AtomicInteger();
        long start = System.nanoTime();
        try {
            List<Future<Void>> workers = new ArrayList<>();
            for (int t = 0; t < options.threads(); t++) {
                workers.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < draws; i = next.getAndIncrement()) {
                        sampler.draw(new SplittableRandom(i));
                    }
                    return null;
                }));
            }
            for (Future<Void> worker : workers) {
                worker.get();
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("Drawing a negative failed: " + e.getCause().getMessage(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
        return draws / ((System.nanoTime() - start) / 1e9);
    }

    private void row(String name, double[] rates, double target) {
        double[] sorted = rates.clone();
        Arrays.sort(sorted);
        double median = sorted[sorted.length / 2];
        String value = String.format(Locale.ROOT, "%.0f (%.0f-%.0f)", median, sorted[0], sorted[sorted.length - 1]);
        if (Double.isNaN(target)) {
            table.row(name, value, "-", "");
        } else {
            table.row(name, value, String.format(Locale.ROOT, ">= %.0f", target), median >= target ? "met" : "not met");
        }
    }
}

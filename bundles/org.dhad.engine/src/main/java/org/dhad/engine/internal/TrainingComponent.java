package org.dhad.engine.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.dhad.api.data.DecodedCache;
import org.dhad.api.data.Sample;
import org.dhad.api.data.Split;
import org.dhad.api.registry.PluginRegistry;
import org.dhad.djl.TorchRuntime;
import org.dhad.engine.EngineException;
import org.dhad.experiment.ComputeDevice;
import org.dhad.imageio.DecodedCacheFolder;
import org.dhad.experiment.ExperimentJson;
import org.dhad.experiment.ExperimentSpec;
import org.dhad.engine.RunListener;
import org.dhad.engine.RunResult;
import org.dhad.engine.TrainingService;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The {@link TrainingService}: validates, creates the run folder and runs {@link TrainingRun}. */
@Component(service = TrainingService.class)
public final class TrainingComponent implements TrainingService {

    private static final Logger LOG = LoggerFactory.getLogger(TrainingComponent.class);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private final ExperimentResolver resolver;
    private final TorchRuntime runtime;

    /** Framework or system property: epoch checkpoints kept per run (0 keeps all). */
    static final String KEEP_PROPERTY = "dhad.checkpoints.keep";
    private static final int KEEP_DEFAULT = 2;

    private final int keepEpochCheckpoints;

    /** Framework or system property: megabytes of resized training images kept after their first epoch. */
    static final String IMAGE_CACHE_PROPERTY = "dhad.data.cache-mb";
    private static final int IMAGE_CACHE_DEFAULT = 512;

    private final long imageCacheBytes;

    /** Framework or system properties: the folder of the disk tier and its size in megabytes (0 turns it off). */
    static final String DISK_CACHE_DIR_PROPERTY = "dhad.data.cache-dir";
    static final String DISK_CACHE_PROPERTY = "dhad.data.cache-disk-mb";
    private static final int DISK_CACHE_DEFAULT = 4096;

    private final DecodedCache decoded;

    @Activate
    public TrainingComponent(BundleContext context, @Reference PluginRegistry registry,
            @Reference TorchRuntime runtime) {
        this.resolver = new ExperimentResolver(registry);
        this.runtime = Objects.requireNonNull(runtime, "runtime");
        this.keepEpochCheckpoints = wholeNumber(context.getProperty(KEEP_PROPERTY), KEEP_PROPERTY, KEEP_DEFAULT);
        this.imageCacheBytes = wholeNumber(context.getProperty(IMAGE_CACHE_PROPERTY), IMAGE_CACHE_PROPERTY,
                IMAGE_CACHE_DEFAULT) * 1024L * 1024L;
        String folder = context.getProperty(DISK_CACHE_DIR_PROPERTY);
        long diskBytes = wholeNumber(context.getProperty(DISK_CACHE_PROPERTY), DISK_CACHE_PROPERTY,
                DISK_CACHE_DEFAULT) * 1024L * 1024L;
        this.decoded = diskBytes == 0 ? DecodedCache.NONE : new DecodedCacheFolder(folder == null || folder.isBlank()
                ? Path.of(System.getProperty("user.home"), ".dhad", "data-cache") : Path.of(folder), diskBytes);
    }

    private static int wholeNumber(String value, String property, int fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Math.max(0, Integer.parseInt(value.trim()));
        } catch (NumberFormatException e) {
            LOG.warn("{}='{}' is not a whole number; using {}", property, value, fallback);
            return fallback;
        }
    }

    @Override
    public List<String> validate(ExperimentSpec spec) {
        return checked(spec, DecodedCache.NONE).problems();
    }

    /** The resolver's problems and, since only the runtime knows which devices exist, the device's. */
    private ExperimentResolver.Resolution checked(ExperimentSpec spec, DecodedCache disk) {
        ExperimentResolver.Resolution resolution = resolver.resolve(Objects.requireNonNull(spec, "spec"), true, disk);
        ComputeDevice device;
        try {
            device = spec.schedule().device();
        } catch (IllegalArgumentException e) {
            return resolution; // a name that is no device is among the experiment's own problems
        }
        try {
            DevicePlacement.of(device, runtime);
            return resolution;
        } catch (EngineException e) {
            List<String> problems = new ArrayList<>(resolution.problems());
            problems.add("schedule.device: " + e.getMessage());
            return new ExperimentResolver.Resolution(List.copyOf(problems), null);
        }
    }

    @Override
    public RunResult train(ExperimentSpec spec, Path runsRoot, RunListener listener) throws EngineException {
        RunListener events = listener == null ? RunListener.NONE : listener;
        ResolvedExperiment experiment = resolve(spec, decoded);
        Path runDir;
        try {
            runDir = newRunFolder(runsRoot.resolve(spec.name()));
            ExperimentJson.write(spec, runDir);
        } catch (IOException e) {
            throw new EngineException("Cannot create a run folder under " + runsRoot + ": " + e.getMessage(), e);
        }
        LOG.info("Training '{}' in {}", spec.name(), runDir);
        events.onRunFolder(runDir);
        events.onMessage("Run folder " + runDir);
        return new TrainingRun(experiment, runDir, events, runtime, keepEpochCheckpoints, imageCacheBytes, decoded)
                .run(null);
    }

    @Override
    public RunResult pretrain(ExperimentSpec spec, Path runsRoot, RunListener listener) throws EngineException {
        if (!Objects.requireNonNull(spec, "spec").hasSegmentation()) {
            throw new EngineException("Experiment '" + spec.name() + "' cannot pretrain: segmentation: missing; "
                    + "expected a <segmentation> source of labelled images (experiments new --segmentation "
                    + "segmentation --set segmentation.root=PATH, or the editor's Segmentation section)");
        }
        return train(spec.forPretraining(), runsRoot, listener);
    }

    @Override
    public RunResult resume(Path runDir, ComputeDevice device, RunListener listener) throws EngineException {
        RunListener events = listener == null ? RunListener.NONE : listener;
        if (device != null) {
            DevicePlacement.of(device, runtime); // a device that is not there is refused before any file is read
        }
        ExperimentSpec spec;
        Checkpoints.State state;
        try {
            spec = DevicePlacement.onto(ExperimentJson.read(runDir), device);
            state = new Checkpoints(runDir).latest();
        } catch (IOException e) {
            throw new EngineException("Cannot resume " + runDir + ": " + e.getMessage(), e);
        }
        if (state.seed() != spec.seed()) {
            throw new EngineException("Checkpoint " + state.stem() + " in " + runDir + " has seed " + state.seed()
                    + " but experiment.json has seed " + spec.seed());
        }
        ResolvedExperiment experiment = resolve(spec, decoded);
        events.onRunFolder(runDir);
        events.onMessage("Resuming " + runDir + " from " + state.stem() + " (epoch " + (state.epoch() + 1)
                + ", step " + state.globalStep() + ")");
        return new TrainingRun(experiment, runDir, events, runtime, keepEpochCheckpoints, imageCacheBytes, decoded)
                .run(state);
    }

    @Override
    public double[] measureLoading(ExperimentSpec spec, int epochs, long imageCacheBytes) throws EngineException {
        return measureLoading(spec, epochs, imageCacheBytes, decoded);
    }

    @Override
    public double[] measureLoading(ExperimentSpec spec, int epochs, long imageCacheBytes, DecodedCache disk)
            throws EngineException {
        ResolvedExperiment experiment = resolve(spec, disk);
        List<Sample> samples = experiment.categories().stream()
                .flatMap(c -> experiment.data().samples(c, Split.TRAIN).stream()).toList();
        NegativePaster paster = new NegativePaster(experiment.negatives(), spec.paste());
        double[] rates = new double[epochs];
        try (BatchLoader loader = new BatchLoader(samples, paster, spec.schedule(), spec.seed(),
                m -> LOG.warn("{}", m), imageCacheBytes < 0 ? this.imageCacheBytes : imageCacheBytes, disk)) {
            for (int epoch = 0; epoch < epochs; epoch++) {
                long start = System.nanoTime();
                int images = 0;
                try (BatchLoader.Epoch batches = loader.epoch(epoch, 0)) {
                    while (batches.hasNext()) {
                        images += batches.next().count();
                    }
                }
                rates[epoch] = images / ((System.nanoTime() - start) / 1e9);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineException("Measuring the data pipeline was interrupted", e);
        }
        return rates;
    }

    @Override
    public DecodedCache decodedCache() {
        return decoded;
    }

    private ResolvedExperiment resolve(ExperimentSpec spec, DecodedCache disk) throws EngineException {
        ExperimentResolver.Resolution resolution = checked(spec, disk);
        if (!resolution.problems().isEmpty()) {
            throw new EngineException("Experiment '" + spec.name() + "' cannot run:\n  - "
                    + String.join("\n  - ", resolution.problems()));
        }
        return resolution.resolved();
    }

    /** {@code parent/<yyyyMMdd-HHmmss>}, with a suffix when a run started in the same second. */
    private static Path newRunFolder(Path parent) throws IOException {
        Files.createDirectories(parent);
        String stamp = LocalDateTime.now().format(STAMP);
        for (int i = 1;; i++) {
            Path candidate = parent.resolve(i == 1 ? stamp : stamp + "-" + i);
            try {
                return Files.createDirectory(candidate);
            } catch (java.nio.file.FileAlreadyExistsException e) {
                // another run started in the same second: take the next suffix
            }
        }
    }
}

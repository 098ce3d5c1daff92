package org.dhad.engine.internal;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import org.dhad.api.data.Mask;
import org.dhad.api.data.Sample;
import org.dhad.api.data.Split;
import org.dhad.api.metric.EvaluationData;
import org.dhad.api.metric.ScoreMap;
import org.dhad.api.metric.ThresholdSelection;
import org.dhad.api.registry.PluginRegistry;
import org.dhad.djl.TorchRuntime;
import org.dhad.engine.EngineException;
import org.dhad.engine.EvaluationReport;
import org.dhad.engine.EvaluationService;
import org.dhad.engine.Inspector;
import org.dhad.engine.PredictionReport;
import org.dhad.engine.RunListener;
import org.dhad.experiment.ComputeDevice;
import org.dhad.results.Gallery;
import org.dhad.results.GalleryImage;
import org.dhad.results.ThresholdChoice;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link EvaluationService}: scores test images with a run's last checkpoint, computes metrics and chooses
 * thresholds; {@link RunInspector} decides new images with them ({@link Predictor} for files).
 */
@Component(service = EvaluationService.class)
public final class EvaluationComponent implements EvaluationService {

    private static final Logger LOG = LoggerFactory.getLogger(EvaluationComponent.class);

    private final ExperimentResolver resolver;
    private final TorchRuntime runtime;
    private final ThresholdSelection thresholds;

    @Activate
    public EvaluationComponent(@Reference PluginRegistry registry, @Reference TorchRuntime runtime,
            @Reference ThresholdSelection thresholds) {
        this.resolver = new ExperimentResolver(registry);
        this.runtime = Objects.requireNonNull(runtime, "runtime");
        this.thresholds = Objects.requireNonNull(thresholds, "thresholds");
    }

    @Override
    public EvaluationReport evaluate(Path runDir, List<Double> goodRates, ComputeDevice device, RunListener listener)
            throws EngineException {
        RunListener events = listener == null ? RunListener.NONE : listener;
        long began = System.nanoTime();
        try (TrainedModel model = TrainedModel.open(runDir, resolver, runtime, device)) {
            ResolvedExperiment experiment = model.experiment();
            int size = experiment.spec().schedule().inputSize();
            MetricTable table = new MetricTable(experiment.metrics(), thresholds, goodRates);
            List<GalleryImage> gallery = new ArrayList<>();
            for (String category : experiment.categories()) {
                List<Sample> samples = experiment.data().samples(category, Split.TEST);
                List<ScoreMap> maps = new ArrayList<>();
                List<BufferedImage> pictures = new ArrayList<>();
                int batch = Math.max(1, experiment.spec().schedule().batchSize());
                for (int from = 0; from < samples.size(); from += batch) {
                    if (events.isCanceled()) {
                        throw new EngineException("Evaluation of " + runDir + " canceled");
                    }
                    scoreBatch(model, samples.subList(from, Math.min(samples.size(), from + batch)), size, maps,
                            pictures, events);
                }
                events.onMessage("Scored " + maps.size() + " test images of '" + category + "'");
                events.onCategoryScored(category, maps.size());
                gallery.addAll(writeHeatmaps(runDir, maps, pictures));
                table.add(new EvaluationData(category, maps));
            }
            Gallery.write(runDir, gallery);
            return table.finish(runDir, runDir.toString(), model.checkpoint(), experiment.spec().score().name(),
                    (System.nanoTime() - began) / 1e9);
        } catch (IOException e) {
            throw new EngineException("Evaluating " + runDir + ": " + e.getMessage(), e);
        }
    }

    @Override
    public PredictionReport predict(Path runDir, List<Path> inputs, Path outDir, String category,
            ThresholdChoice choice, ComputeDevice device, RunListener listener) throws EngineException {
        RunListener events = listener == null ? RunListener.NONE : listener;
        try (RunInspector inspector = open(runDir, choice, device, events)) {
            int batch = inspector.model().experiment().spec().schedule().batchSize();
            return new Predictor(inspector, batch, events).run(inputs, outDir, category);
        } catch (IOException e) {
            throw new EngineException("Predicting with " + runDir + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Inspector inspector(Path runDir, ThresholdChoice choice, RunListener listener) throws EngineException {
        return open(runDir, choice, null, listener == null ? RunListener.NONE : listener);
    }

    /** @param device where the network scores, or null for the device of the run's experiment */
    private RunInspector open(Path runDir, ThresholdChoice choice, ComputeDevice device, RunListener events)
            throws EngineException {
        try {
            TrainedModel model = TrainedModel.open(runDir, resolver, runtime, device);
            try {
                return new RunInspector(model, runDir, choice == null ? ThresholdChoice.F1 : choice, events);
            } catch (EngineException | RuntimeException e) {
                model.close();
                throw e;
            }
        } catch (IOException e) {
            throw new EngineException("Opening " + runDir + ": " + e.getMessage(), e);
        }
    }

    private static void scoreBatch(TrainedModel model, List<Sample> samples, int size, List<ScoreMap> maps,
            List<BufferedImage> pictures, RunListener events) {
        int plane = size * size;
        float[] chw = new float[samples.size() * 3 * plane];
        List<Sample> read = new ArrayList<>();
        List<Mask> truths = new ArrayList<>();
        for (Sample sample : samples) {
            try {
                BufferedImage picture = Images.resize(sample.readImage(), size, size);
                Mask truth = sample.readMask().map(m -> Images.resize(m, size, size)).orElse(Mask.empty(size, size));
                Images.toChw(picture, chw, read.size() * 3 * plane);
                read.add(sample);
                truths.add(truth);
                pictures.add(picture);
            } catch (IOException | RuntimeException e) {
                LOG.warn("Skipping test sample {}: {}", sample.source(), e.getMessage());
                events.onMessage("Skipped unreadable test sample " + sample.source() + ": " + e.getMessage());
            }
        }
        if (read.isEmpty()) {
            return;
        }
        float[] scores = model.scorer().score(Arrays.copyOf(chw, read.size() * 3 * plane), read.size(), size);
        for (int i = 0; i < read.size(); i++) {
            Sample s = read.get(i);
            float[] map = Arrays.copyOfRange(scores, i * plane, (i + 1) * plane);
            maps.add(new ScoreMap(s.category() + "/" + s.defectType() + "/" + s.name(), s.defectType(), map,
                    truths.get(i)));
        }
    }

    /**
     * Writes, per test image, the heat-map overlay and what the workbench and report need to redraw it at any
     * threshold: the input at network size, the scores over the category's display range, the ground truth.
     */
    private static List<GalleryImage> writeHeatmaps(Path runDir, List<ScoreMap> maps, List<BufferedImage> pictures)
            throws IOException {
        float[] range = HeatmapWriter.range(maps.stream().map(ScoreMap::scores).toList());
        List<GalleryImage> written = new ArrayList<>();
        for (int i = 0; i < maps.size(); i++) {
            ScoreMap map = maps.get(i);
            BufferedImage picture = pictures.get(i);
            int w = picture.getWidth();
            int h = picture.getHeight();
            String file = map.imageId() + ".png";
            Path overlay = runDir.resolve("heatmaps").resolve(file);
            HeatmapWriter.write(overlay, picture, map.scores(), range, map.truth());
            Path input = runDir.resolve("inputs").resolve(file);
            GalleryImage.writeInput(input, picture);
            Path scores = runDir.resolve("scores").resolve(file);
            GalleryImage.writeScores(scores, map.scores(), w, h, range[0], range[1]);
            Path truth = null;
            if (map.truth() != null && map.truth().count() > 0) {
                truth = runDir.resolve("truth").resolve(file);
                boolean[] mask = new boolean[w * h];
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        mask[y * w + x] = map.truth().get(x, y);
                    }
                }
                GalleryImage.writeTruth(truth, mask, w, h);
            }
            String[] parts = map.imageId().split("/", 3);
            written.add(new GalleryImage(map.imageId(), parts[0], map.defectType(), overlay, input, scores, truth,
                    range[0], range[1], map.imageScore()));
        }
        return written;
    }
}

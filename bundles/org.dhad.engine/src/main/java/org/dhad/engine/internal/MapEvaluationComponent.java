package org.dhad.engine.internal;

import java.awt.Dimension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Set;

import org.dhad.api.PluginException;
import org.dhad.api.Settings;
import org.dhad.api.data.AnomalyDataset;
import org.dhad.api.data.DataException;
import org.dhad.api.data.DatasetContent;
import org.dhad.api.data.Mask;
import org.dhad.api.data.Sample;
import org.dhad.api.data.Split;
import org.dhad.api.metric.EvaluationData;
import org.dhad.api.metric.Metric;
import org.dhad.api.metric.ScoreMap;
import org.dhad.api.metric.ThresholdSelection;
import org.dhad.api.registry.PluginRegistry;
import org.dhad.engine.EngineException;
import org.dhad.engine.EvaluationReport;
import org.dhad.engine.MapEvaluationService;
import org.dhad.engine.RunListener;
import org.dhad.results.RunThresholds;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The {@link MapEvaluationService}: matches a folder of maps with a dataset's test images, checks every
 * map, and reports through the same {@link MetricTable} as {@link EvaluationComponent}. Needs no DJL.
 */
@Component(service = MapEvaluationService.class)
public final class MapEvaluationComponent implements MapEvaluationService {

    /** The dataset setting that restricts categories, where a dataset declares it. */
    private static final String CATEGORIES_SETTING = "categories";
    /** What {@code metrics.json} records as the score of maps made elsewhere. */
    static final String SCORE = "maps";

    private final PluginRegistry registry;
    private final ThresholdSelection thresholds;

    @Activate
    public MapEvaluationComponent(@Reference PluginRegistry registry, @Reference ThresholdSelection thresholds) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.thresholds = Objects.requireNonNull(thresholds, "thresholds");
    }

    /** A test image and its map file. */
    private record Match(Sample sample, Path map) {
    }

    @Override
    public EvaluationReport evaluate(String datasetId, Map<String, String> datasetSettings, Path mapsDir,
            OptionalInt resolution, List<String> metricIds, List<String> categories, Path outDir,
            RunListener listener) throws EngineException {
        RunListener events = listener == null ? RunListener.NONE : listener;
        long began = System.nanoTime();
        if (resolution.isPresent() && resolution.getAsInt() <= 0) {
            throw new EngineException("Resolution " + resolution.getAsInt() + " is not a positive number of pixels");
        }
        if (!Files.isDirectory(mapsDir)) {
            throw new EngineException(mapsDir + " is not a folder; expected a folder of maps "
                    + "<category>/<defect>/<stem>.{tif,tiff,png,npy}");
        }
        List<String> problems = new ArrayList<>();
        List<Metric> metrics = metrics(metricIds.isEmpty() ? DEFAULT_METRICS : metricIds, problems);
        DatasetContent content = open(datasetId, datasetSettings, categories, problems);
        List<String> chosen = content == null ? List.of() : categories(datasetId, content, categories, problems);
        if (!problems.isEmpty()) {
            throw new EngineException(String.join("\n", problems));
        }
        content.problems().forEach(p -> events.onMessage("Dataset: " + p));

        MapIndex index;
        try {
            index = MapIndex.scan(mapsDir);
        } catch (IOException e) {
            throw new EngineException("Listing the maps in " + mapsDir + ": " + e.getMessage(), e);
        }
        problems.addAll(index.problems());
        Map<String, List<Match>> matches = new LinkedHashMap<>();
        for (String category : chosen) {
            List<Match> found = new ArrayList<>();
            for (Sample sample : content.samples(category, Split.TEST)) {
                index.take(category, sample.defectType(), sample.name()).ifPresentOrElse(
                        map -> found.add(new Match(sample, map)),
                        () -> problems.add(mapsDir.resolve(category).resolve(sample.defectType())
                                .resolve(sample.name()) + ".{tif,tiff,png,npy}: missing; expected the map of test "
                                + "image " + sample.source()));
            }
            matches.put(category, found);
        }
        Set<String> ignored = new HashSet<>(content.categories());
        ignored.removeAll(chosen);
        index.leftOver(ignored).forEach(extra -> events.onMessage("Warning: " + extra));

        // Every map is checked even after a problem, so that one run lists them all; metrics are only
        // computed while there is none, and nothing is written when there is one.
        MetricTable table = new MetricTable(metrics, thresholds, List.of(RunThresholds.DEFAULT_GOOD_RATE));
        for (Map.Entry<String, List<Match>> category : matches.entrySet()) {
            List<ScoreMap> maps = new ArrayList<>();
            for (Match match : category.getValue()) {
                if (events.isCanceled()) {
                    throw new EngineException("Evaluation of the maps in " + mapsDir + " canceled");
                }
                ScoreMap map = load(match, resolution, problems);
                if (map != null && problems.isEmpty()) {
                    maps.add(map);
                }
            }
            if (problems.isEmpty()) {
                table.add(new EvaluationData(category.getKey(), maps));
                events.onMessage("Evaluated " + maps.size() + " maps of '" + category.getKey() + "'");
            }
        }
        if (!problems.isEmpty()) {
            throw new EngineException(problems.size() + " problem(s) with the maps in " + mapsDir
                    + "; no metrics written:\n  " + String.join("\n  ", problems));
        }
        try {
            return table.finish(outDir, mapsDir.toAbsolutePath().toString(), "", SCORE,
                    (System.nanoTime() - began) / 1e9);
        } catch (IOException e) {
            throw new EngineException("Writing " + outDir.resolve(MetricsJson.FILE) + ": " + e.getMessage(), e);
        }
    }

    private List<Metric> metrics(List<String> ids, List<String> problems) {
        List<Metric> metrics = new ArrayList<>();
        for (String id : ids) {
            try {
                metrics.add(registry.get(Metric.class, id));
            } catch (PluginException e) {
                problems.add("metric: " + e.getMessage());
            }
        }
        return metrics;
    }

    private DatasetContent open(String id, Map<String, String> values, List<String> categories,
            List<String> problems) {
        AnomalyDataset dataset;
        try {
            dataset = registry.get(AnomalyDataset.class, id);
        } catch (PluginException e) {
            problems.add("dataset: " + e.getMessage());
            return null;
        }
        if (values.containsKey(AnomalyDataset.ROOT_SETTING)
                && dataset.settings().stream().noneMatch(d -> d.key().equals(AnomalyDataset.ROOT_SETTING))) {
            problems.add("dataset '" + id + "' takes no '" + AnomalyDataset.ROOT_SETTING + "' setting, in which "
                    + "--dataset ID:PATH passes the folder (AnomalyDataset.ROOT_SETTING); it takes "
                    + dataset.settings().stream().map(d -> d.key()).toList());
            return null;
        }
        Map<String, String> given = new LinkedHashMap<>(values);
        // Let the dataset index only the chosen categories when it can.
        if (!categories.isEmpty() && dataset.settings().stream().anyMatch(d -> d.key().equals(CATEGORIES_SETTING))) {
            given.putIfAbsent(CATEGORIES_SETTING, String.join(",", categories));
        }
        Settings settings = new Settings(dataset.id(), dataset.settings(), given);
        List<String> invalid = settings.validate();
        if (!invalid.isEmpty()) {
            problems.addAll(invalid);
            return null;
        }
        try {
            return dataset.open(settings);
        } catch (DataException | RuntimeException e) {
            problems.add("dataset '" + id + "': " + e.getMessage());
            return null;
        }
    }

    private static List<String> categories(String datasetId, DatasetContent content, List<String> wanted,
            List<String> problems) {
        List<String> chosen = wanted.isEmpty() ? content.categories() : wanted;
        for (String category : chosen) {
            if (!content.categories().contains(category)) {
                problems.add("category '" + category + "' is not in dataset '" + datasetId + "'; it has "
                        + String.join(", ", content.categories()));
            }
        }
        if (chosen.isEmpty()) {
            problems.add("dataset '" + datasetId + "' has no categories");
        }
        return chosen;
    }

    /** The map at the evaluated resolution with its ground truth; {@code null} after adding a problem. */
    private static ScoreMap load(Match match, OptionalInt resolution, List<String> problems) {
        Sample sample = match.sample();
        FloatGrid grid;
        try {
            grid = MapFileReader.read(match.map());
        } catch (IOException | RuntimeException e) {
            problems.add(e.getMessage() == null ? match.map() + ": " + e : e.getMessage());
            return null;
        }
        int bad = grid.nonFiniteCount();
        if (bad > 0) {
            int first = grid.firstNonFinite();
            problems.add(match.map() + ": " + bad + " NaN or infinite value(s), the first at x=" + first % grid.width()
                    + ", y=" + first / grid.width() + " (" + grid.values()[first] + "); expected finite scores");
            return null;
        }
        Mask truth;
        try {
            truth = truth(sample, resolution);
        } catch (IOException | RuntimeException e) {
            problems.add("ground truth of test image " + sample.source() + ": " + e.getMessage());
            return null;
        }
        if (resolution.isPresent()) {
            grid = grid.resize(truth.width(), truth.height());
        } else if (grid.width() != truth.width() || grid.height() != truth.height()) {
            problems.add(match.map() + " is " + grid.width() + "x" + grid.height() + " but the ground truth of "
                    + "test image " + sample.source() + " is " + truth.width() + "x" + truth.height()
                    + "; expected the same size, or give a resolution to resize both");
            return null;
        }
        String id = sample.category() + "/" + sample.defectType() + "/" + sample.name();
        return new ScoreMap(id, sample.defectType(), grid.values(), truth);
    }

    /** The mask at the evaluated resolution; a normal sample's is empty at its image's size (or N x N). */
    private static Mask truth(Sample sample, OptionalInt resolution) throws IOException {
        var mask = sample.readMask();
        if (resolution.isPresent()) {
            int n = resolution.getAsInt();
            return mask.map(m -> Images.resize(m, n, n)).orElse(Mask.empty(n, n));
        }
        if (mask.isPresent()) {
            return mask.get();
        }
        Dimension size = Images.size(sample);
        return Mask.empty(size.width, size.height);
    }
}

package org.dhad.engine;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Measures anomaly maps made by any method against a dataset's ground truth, with the same metrics,
 * table and {@code metrics.json} as {@link EvaluationService#evaluate}, so that methods can be compared
 * on one evaluation code.
 * <p>
 * The maps folder holds one map per test image, {@code <category>/<defect>/<stem>.<ext>} (or
 * {@code <category>/test/<defect>/<stem>.<ext>}), where {@code <stem>} is the sample's name. Formats:
 * {@code .tif}/{@code .tiff} (one band, 32-bit float; integer samples are taken as stored),
 * {@code .png} (one 16-bit grey channel, divided by 65535 into [0,1]) and {@code .npy} (2-D float32 or
 * float64, either byte order; size-1 axes of 3-D arrays are dropped).
 */
public interface MapEvaluationService {

    /** The metrics used when none are named. */
    List<String> DEFAULT_METRICS = List.of("pixel-auroc", "pixel-fpr95", "pixel-ap", "pixel-aupro", "image-auroc");

    /**
     * Matches every test image of the chosen categories with its map, checks them all, computes the
     * metrics per category (pixels pooled) and their mean, and writes {@code metrics.json} into
     * {@code outDir}. Maps that match no test image are reported through {@code listener} and ignored.
     *
     * @param datasetId       an {@code AnomalyDataset} provider id (for example {@code mvtec})
     * @param datasetSettings its settings (for example {@code root})
     * @param mapsDir         the folder of maps
     * @param resolution      empty: maps must have their ground truth's size; otherwise maps (bilinear)
     *                        and masks (nearest) are resized to {@code N x N}
     * @param metricIds       metric ids in column order; empty means {@link #DEFAULT_METRICS}
     * @param categories      categories to evaluate; empty means every category of the dataset
     * @param outDir          where {@code metrics.json} goes (created when missing)
     * @param listener        progress messages and warnings; may be {@code null}
     * @return the report, whose folder is {@code outDir}
     * @throws EngineException when the dataset or a metric cannot be used, or when any map is missing,
     *                         unreadable, of the wrong size or holds NaN or infinite values; the message
     *                         lists every such problem by file, and nothing is written
     */
    EvaluationReport evaluate(String datasetId, Map<String, String> datasetSettings, Path mapsDir,
            OptionalInt resolution, List<String> metricIds, List<String> categories, Path outDir,
            RunListener listener) throws EngineException;
}

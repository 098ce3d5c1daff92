package org.dhad.cli.internal;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

import org.dhad.api.data.AnomalyDataset;
import org.dhad.engine.EngineException;
import org.dhad.api.data.AnomalyDataset;
import org.dhad.engine.EvaluationReport;
import org.dhad.api.data.AnomalyDataset;
import org.dhad.engine.MapEvaluationService;
import org.dhad.api.data.AnomalyDataset;
import org.dhad.engine.RunListener;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code dhad evaluate-maps}: measures anomaly maps made by any method with this project's metrics, so
 * that methods are compared on one evaluation code; prints the same table as {@code dhad evaluate}.
 */
@Command(name = "evaluate-maps", mixinStandardHelpOptions = true,
        description = {"Evaluate anomaly maps made by any method against a dataset's test ground truth; prints the "
                + "table and writes metrics.json like dhad evaluate.",
            "Maps: one per test image, DIR/<category>/<defect>/<stem>.<ext> or DIR/<category>/test/<defect>/"
                + "<stem>.<ext>; .tif/.tiff (one band, 32-bit float), .png (16-bit grey, read as value/65535) "
                + "or .npy (2-D float32/float64). Missing or broken maps are all listed and nothing is computed; "
                + "maps no test image matches are warnings."})
final class EvaluateMapsCommand implements Callable<Integer> {


    private final Supplier<MapEvaluationService> service;

    @Spec
    private CommandSpec spec;

    @Option(names = "--dataset", required = true, paramLabel = "LAYOUT:PATH",
            description = "Dataset plugin id and its root folder, e.g. mvtec:/data/mvtec_anomaly_detection "
                    + "(mvtec, visa, folder, ...: see dhad plugins --kind dataset).")
    private String dataset;

    @Option(names = "--maps", required = true, paramLabel = "DIR", description = "The folder of maps.")
    private Path maps;

    @Option(names = "--resolution", paramLabel = "N",
            description = "Resize maps (bilinear) and masks (nearest) to NxN. Default: the masks' own size; "
                    + "a map of another size is then an error.")
    private Integer resolution;

    @Option(names = "--metrics", split = ",", paramLabel = "ID",
            description = "Metric ids, comma-separated (default: pixel-auroc,pixel-fpr95,pixel-ap,pixel-aupro,"
                    + "image-auroc).")
    private List<String> metrics = new ArrayList<>();

    @Option(names = "--out", paramLabel = "DIR",
            description = "Folder for metrics.json (default: <parent of --maps>/evaluation-<yyyyMMdd-HHmmss>).")
    private Path out;

    @Option(names = "--categories", split = ",", paramLabel = "NAME",
            description = "Categories to evaluate, comma-separated (default: all of the dataset).")
    private List<String> categories = new ArrayList<>();

    EvaluateMapsCommand(Supplier<MapEvaluationService> service) {
        this.service = service;
    }

    @Override
    public Integer call() throws EngineException {
        int colon = dataset.indexOf(':');
        if (colon <= 0 || colon == dataset.length() - 1) {
            throw new ParameterException(spec.commandLine(), "--dataset '" + dataset
                    + "': expected LAYOUT:PATH, a dataset plugin id and its root folder, e.g. mvtec:/data/mvtec");
        }
        if (resolution != null && resolution <= 0) {
            throw new ParameterException(spec.commandLine(), "--resolution " + resolution
                    + ": expected a positive number of pixels");
        }
        Path target = out != null ? out : defaultOut(maps);
        PrintWriter err = spec.commandLine().getErr();
        RunListener listener = new RunListener() {
            @Override
            public void onMessage(String message) {
                err.println(message);
                err.flush();
            }
        };
        EvaluationReport report = service.get().evaluate(dataset.substring(0, colon),
                Map.of(AnomalyDataset.ROOT_SETTING, dataset.substring(colon + 1)), maps,
                resolution == null ? OptionalInt.empty() : OptionalInt.of(resolution), metrics, categories, target,
                listener);
        PrintWriter printer = spec.commandLine().getOut();
        printer.println();
        printer.print(report.table());
        printer.printf("%d maps in %.0f s; metrics.json in %s%n", report.images(), report.seconds(),
                report.runDir().toAbsolutePath().resolve("metrics.json"));
        printer.flush();
        return 0;
    }

    /** {@code <parent of maps>/evaluation-<timestamp>}, or {@code ./evaluation} when the maps folder has no parent. */
    static Path defaultOut(Path maps) {
        Path parent = maps.toAbsolutePath().normalize().getParent();
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        return parent == null ? Path.of("evaluation") : parent.resolve("evaluation-" + stamp);
    }
}

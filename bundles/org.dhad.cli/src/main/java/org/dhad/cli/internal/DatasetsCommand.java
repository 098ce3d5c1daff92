package org.dhad.cli.internal;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;

import org.dhad.api.PluginException;
import org.dhad.api.ProviderKind;
import org.dhad.api.Settings;
import org.dhad.api.data.AnomalyDataset;
import org.dhad.api.data.DataProblem;
import org.dhad.api.data.DatasetContent;
import org.dhad.api.data.Sample;
import org.dhad.api.data.Split;
import org.dhad.api.registry.PluginDescriptor;
import org.dhad.api.registry.PluginRegistry;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code dhad datasets inspect PATH}: what a dataset folder holds and every problem found in it. */
@Command(name = "datasets", mixinStandardHelpOptions = true, description = "Look at anomaly datasets.")
final class DatasetsCommand implements Runnable {

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "Missing subcommand: inspect");
    }

    /** Detects the layout (or uses the given one) and prints counts, sizes and problems. */
    @Command(name = "inspect", mixinStandardHelpOptions = true,
            description = "Detect the layout of PATH and print counts per category, split and defect type, "
                    + "image sizes, and every problem found.")
    static final class Inspect implements Callable<Integer> {

        private static final int SIZE_SAMPLES = 8;

        private final PluginRegistry registry;

        @Spec
        private CommandSpec spec;

        @Parameters(index = "0", paramLabel = "PATH", description = "The dataset's root folder.")
        private Path path;

        @Option(names = "--layout", paramLabel = "ID",
                description = "Dataset plugin id (mvtec, visa, folder, ...); detected when omitted.")
        private String layout;

        Inspect(PluginRegistry registry) {
            this.registry = registry;
        }

        @Override
        public Integer call() throws PluginException {
            PrintWriter out = spec.commandLine().getOut();
            if (!Files.isDirectory(path)) {
                throw new PluginException(path + " is not a folder; expected a dataset root folder");
            }
            List<String> candidates = layout != null ? List.of(layout)
                    : registry.list(ProviderKind.ANOMALY_DATASET).stream().map(PluginDescriptor::id).distinct()
                            .toList();
            List<String> rejections = new ArrayList<>();
            for (String id : candidates) {
                AnomalyDataset dataset = registry.get(AnomalyDataset.class, id);
                if (dataset.settings().stream().noneMatch(s -> s.key().equals(AnomalyDataset.ROOT_SETTING))) {
                    if (layout != null) {
                        throw new PluginException("dataset '" + id + "' takes no '" + AnomalyDataset.ROOT_SETTING
                                + "' setting, in which inspect passes the folder (AnomalyDataset.ROOT_SETTING); "
                                + "it takes " + dataset.settings().stream().map(s -> s.key()).toList());
                    }
                    continue; // detection tries only the datasets that read one folder
                }
                try {
                    DatasetContent content = dataset
                            .open(new Settings(id, dataset.settings(), Map.of(AnomalyDataset.ROOT_SETTING, path.toString())));
                    out.println("Layout: " + id + " (" + dataset.displayName() + ")");
                    return print(content, out);
                } catch (PluginException e) {
                    rejections.add(id + ": " + e.getMessage());
                }
            }
            throw new PluginException("No dataset plugin recognises " + path
                    + (rejections.isEmpty() ? " (no dataset plugin takes a root folder)"
                            : ":\n  " + String.join("\n  ", rejections)));
        }

        private static int print(DatasetContent content, PrintWriter out) {
            TextTable counts = new TextTable("CATEGORY", "SPLIT", "DEFECT", "IMAGES", "WITH MASK", "SIZES (sampled)");
            List<DataProblem> problems = new ArrayList<>(content.problems());
            for (String category : content.categories()) {
                for (Split split : Split.values()) {
                    Map<String, List<Sample>> byDefect = new TreeMap<>();
                    content.samples(category, split)
                            .forEach(s -> byDefect.computeIfAbsent(s.defectType(), k -> new ArrayList<>()).add(s));
                    byDefect.forEach((defect, samples) -> counts.row(category, split.name().toLowerCase(), defect,
                            samples.size(), samples.stream().filter(Sample::anomalous).count(),
                            sizes(samples, problems)));
                }
            }
            counts.print(out);
            out.println();
            if (problems.isEmpty()) {
                out.println("No problems found.");
                return 0;
            }
            out.println(problems.size() + " problem(s):");
            problems.forEach(p -> out.println("  " + p));
            return 1;
        }

        /** The distinct sizes of a few images, read fully so that unreadable files show up as problems. */
        private static String sizes(List<Sample> samples, List<DataProblem> problems) {
            TreeMap<String, Integer> sizes = new TreeMap<>();
            int step = Math.max(1, samples.size() / SIZE_SAMPLES);
            for (int i = 0; i < samples.size(); i += step) {
                Sample sample = samples.get(i);
                try {
                    BufferedImage image = sample.readImage();
                    sizes.merge(image.getWidth() + "x" + image.getHeight(), 1, Integer::sum);
                } catch (IOException | RuntimeException e) {
                    problems.add(new DataProblem(sample.source(), "cannot be read: " + e.getMessage()));
                }
            }
            return String.join(", ", sizes.keySet());
        }
    }
}

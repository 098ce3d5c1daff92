package org.dhad.cli.internal;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import org.dhad.experiment.ExperimentSection;
import org.dhad.experiment.PasteMode;
import org.dhad.experiment.PasteSpec;
import org.dhad.experiment.Schedule;
import org.dhad.model.ExperimentDocument;
import org.dhad.model.ExperimentModel;
import org.dhad.model.ModelException;
import org.dhad.model.PluginSlot;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code dhad experiments presets|fields|new}: the shipped experiments, the fields an experiment file's sections
 * take (from their one definition), and new experiment files made from the presets.
 */
@Command(name = "experiments", mixinStandardHelpOptions = true,
        description = "List the shipped experiments (the paper's Table I, the demo) and create experiment files from them.")
final class ExperimentsCommand implements Runnable {

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                "Missing subcommand: presets, fields or new");
    }

    @Command(name = "presets", mixinStandardHelpOptions = true, description = "List the shipped experiments.")
    static final class Presets implements Callable<Integer> {

        private final ExperimentModel model;

        @Spec
        private CommandSpec spec;

        Presets(ExperimentModel model) {
            this.model = model;
        }

        @Override
        public Integer call() {
            TextTable table = new TextTable("PRESET", "DESCRIPTION");
            model.presets().forEach(p -> table.row(p.name(), p.description()));
            table.print(spec.commandLine().getOut());
            return 0;
        }
    }

    @Command(name = "fields", mixinStandardHelpOptions = true,
            description = "List the fields of an experiment file's <paste> and <schedule> elements: default, allowed values, meaning.")
    static final class Fields implements Callable<Integer> {

        @Spec
        private CommandSpec spec;

        @Override
        public Integer call() {
            TextTable table = new TextTable("FIELD", "DEFAULT", "ALLOWED", "MEANING");
            for (ExperimentSection<?> section : List.of(PasteSpec.defaults(PasteMode.MASK), Schedule.paper())) {
                section.fields().forEach(f -> table.row(section.sectionName() + "." + f.key(), f.defaultValue(),
                        f.expected(), f.description()));
            }
            table.print(spec.commandLine().getOut());
            return 0;
        }
    }

    @Command(name = "new", mixinStandardHelpOptions = true,
            description = "Write a new experiment file from a preset; the data paths are the only things to edit.")
    static final class New implements Callable<Integer> {

        private final ExperimentModel model;

        @Spec
        private CommandSpec spec;

        @Parameters(index = "0", paramLabel = "PRESET", description = "A preset name (see dhad experiments presets).")
        private String preset;

        @Parameters(index = "1", paramLabel = "FILE", description = "The experiment file to write (.xmi).")
        private Path file;

        @Option(names = "--dataset-root", paramLabel = "PATH", description = "Sets the dataset's root setting.")
        private Path datasetRoot;

        @Option(names = "--negatives-root", paramLabel = "PATH", description = "Sets the negative source's root setting.")
        private Path negativesRoot;

        @Option(names = "--weights", paramLabel = "FILE", description = "Pretrained weights for the backbone.")
        private Path weights;

        @Option(names = "--name", description = "Experiment name (default: the file name).")
        private String name;

        @Option(names = "--force", description = "Overwrite an existing file.")
        private boolean force;

        New(ExperimentModel model) {
            this.model = model;
        }

        @Override
        public Integer call() throws ModelException {
            if (Files.exists(file) && !force) {
                throw new IllegalArgumentException(file + " exists; pass --force to overwrite it");
            }
            ExperimentDocument document = model.preset(preset);
            String fileName = file.getFileName().toString();
            document.setName(name != null ? name : fileName.replaceFirst("\\.xmi$", ""));
            if (datasetRoot != null) {
                document.setSetting(PluginSlot.DATASET, "root", datasetRoot.toAbsolutePath().toString());
            }
            if (negativesRoot != null) {
                document.setSetting(PluginSlot.NEGATIVES, "root", negativesRoot.toAbsolutePath().toString());
            }
            if (weights != null) {
                document.setWeights(weights.toAbsolutePath().toString());
            }
            document.save(file);
            PrintWriter out = spec.commandLine().getOut();
            out.println("Wrote " + file + " from preset " + preset + ".");
            document.validate().forEach(p -> out.println("  to fix: " + p));
            return 0;
        }
    }
}

package org.dhad.cli.internal;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.dhad.api.InvalidSettingException;
import org.dhad.api.PluginException;
import org.dhad.api.Provider;
import org.dhad.api.SettingDescriptor;
import org.dhad.api.SettingType;
import org.dhad.api.Settings;
import org.dhad.api.backbone.Backbone;
import org.dhad.api.data.AnomalyDataset;
import org.dhad.api.data.NegativeSource;
import org.dhad.api.metric.Metric;
import org.dhad.api.registry.PluginRegistry;
import org.dhad.experiment.ExperimentSection;
import org.dhad.experiment.PasteMode;
import org.dhad.experiment.PasteSpec;
import org.dhad.experiment.PluginChoice;
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
            description = {"Write a new experiment file from a preset, optionally with other providers and settings.",
                    "Settings are checked against the installed providers before anything is written."})
    static final class New implements Callable<Integer> {

        private final ExperimentModel model;
        private final PluginRegistry registry;

        @Spec
        private CommandSpec spec;

        @Parameters(index = "0", paramLabel = "PRESET", description = "A preset name (see dhad experiments presets).")
        private String preset;

        @Parameters(index = "1", paramLabel = "FILE", description = "The experiment file to write (.xmi).")
        private Path file;

        @Option(names = "--backbone", paramLabel = "ID", description = "Another backbone provider (with its defaults).")
        private String backbone;

        @Option(names = "--dataset", paramLabel = "ID", description = "Another dataset provider, e.g. an installed plugin's.")
        private String dataset;

        @Option(names = "--negatives", paramLabel = "ID", description = "Another negative source (with its defaults).")
        private String negatives;

        @Option(names = "--segmentation", paramLabel = "ID", description = {
                "A labelled segmentation source mixed into training for the segmentation-ce term (e.g. segmentation;",
                "its settings by --set segmentation.root=PATH), or none to remove the preset's."})
        private String segmentation;

        @Option(names = "--set", paramLabel = "FIELD=VALUE", description = {
                "A provider setting or a paste/schedule field, e.g. dataset.root=/data/ksdd2, backbone.depth=101,",
                "schedule.epochs=20, paste.count=2 (see dhad experiments fields). Repeatable."})
        private Map<String, String> settings = new LinkedHashMap<>();

        @Option(names = "--metric", paramLabel = "ID",
                description = "A metric to evaluate besides the preset's, e.g. an installed plugin's. Repeatable.")
        private List<String> metrics = new ArrayList<>();

        @Option(names = "--dataset-root", paramLabel = "PATH", description = "Same as --set dataset.root=PATH.")
        private Path datasetRoot;

        @Option(names = "--negatives-root", paramLabel = "PATH", description = "Same as --set negatives.root=PATH.")
        private Path negativesRoot;

        @Option(names = "--weights", paramLabel = "FILE", description = "Pretrained weights for the backbone.")
        private Path weights;

        @Option(names = "--name", description = "Experiment name (default: the file name).")
        private String name;

        @Option(names = "--force", description = "Overwrite an existing file.")
        private boolean force;

        New(ExperimentModel model, PluginRegistry registry) {
            this.model = model;
            this.registry = registry;
        }

        @Override
        public Integer call() throws ModelException, PluginException {
            if (Files.exists(file) && !force) {
                throw new IllegalArgumentException(file + " exists; pass --force to overwrite it");
            }
            ExperimentDocument document = model.preset(preset);
            String fileName = file.getFileName().toString();
            document.setName(name != null ? name : fileName.replaceFirst("\\.xmi$", ""));
            choose(document, PluginSlot.BACKBONE, backbone);
            choose(document, PluginSlot.DATASET, dataset);
            choose(document, PluginSlot.NEGATIVES, negatives);
            if ("none".equals(segmentation)) {
                document.setPlugin(PluginSlot.SEGMENTATION, null);
            } else if (segmentation != null) {
                if (!registry.get(NegativeSource.class, segmentation).providesClassLabels()) {
                    throw new IllegalArgumentException("--segmentation " + segmentation + ": '" + segmentation
                            + "' has no class labels; expected a source of images with class-index masks such as "
                            + "'segmentation', or none");
                }
                choose(document, PluginSlot.SEGMENTATION, segmentation);
            }
            if (datasetRoot != null) {
                set(document, PluginSlot.DATASET.field() + "." + AnomalyDataset.ROOT_SETTING, datasetRoot.toString(), "--dataset-root");
            }
            if (negativesRoot != null) {
                set(document, PluginSlot.NEGATIVES.field() + "." + AnomalyDataset.ROOT_SETTING, negativesRoot.toString(), "--negatives-root");
            }
            for (Map.Entry<String, String> entry : settings.entrySet()) {
                set(document, entry.getKey(), entry.getValue(), "--set " + entry.getKey());
            }
            addMetrics(document);
            if (weights != null) {
                document.setWeights(weights.toAbsolutePath().toString());
            }
            document.save(file);
            PrintWriter out = spec.commandLine().getOut();
            out.println("Wrote " + file + " from preset " + preset + ".");
            document.validate().forEach(p -> out.println("  to fix: " + p));
            return 0;
        }

        private void choose(ExperimentDocument document, PluginSlot slot, String id) throws PluginException {
            if (id != null) {
                registry.get(SLOT_TYPES.get(slot), id); // refuses an id nothing installed provides, naming those that are
                document.setPlugin(slot, PluginChoice.of(id));
            }
        }

        private void addMetrics(ExperimentDocument document) throws PluginException {
            List<String> ids = new ArrayList<>(document.getMetrics());
            for (String id : metrics) {
                registry.get(Metric.class, id); // refuses an id nothing installed provides, naming those that are
                if (!ids.contains(id)) {
                    ids.add(id);
                }
            }
            document.setMetrics(ids);
        }

        /** Applies one FIELD=VALUE, refusing a field or value the provider or section does not take. */
        private void set(ExperimentDocument document, String field, String value, String option)
                throws PluginException {
            int dot = field.indexOf('.');
            String head = dot < 0 ? field : field.substring(0, dot);
            String key = dot < 0 ? "" : field.substring(dot + 1);
            for (PluginSlot slot : PluginSlot.values()) {
                if (slot.field().equals(head)) {
                    String id = document.getPlugin(slot).map(PluginChoice::id).orElse("");
                    if (id.isEmpty() && slot.optional()) {
                        throw new IllegalArgumentException(option + ": the experiment has no " + slot.field()
                                + " source; expected --" + slot.field() + " ID first (e.g. --" + slot.field()
                                + " segmentation)");
                    }
                    SettingDescriptor descriptor = settingOf(slot, id, key, option);
                    String checked = checked(id, descriptor, value, option);
                    document.setSetting(slot, key, checked);
                    return;
                }
            }
            if (head.equals("paste")) {
                document.setPaste(section(document.getPaste(), key, value, field, option));
            } else if (head.equals("schedule")) {
                document.setSchedule(section(document.getSchedule(), key, value, field, option));
            } else {
                throw new IllegalArgumentException(option + ": expected backbone.KEY, dataset.KEY, "
                        + "negatives.KEY, segmentation.KEY, paste.FIELD or schedule.FIELD");
            }
        }

        private SettingDescriptor settingOf(PluginSlot slot, String id, String key, String option)
                throws PluginException {
            List<SettingDescriptor> descriptors = registry.get(SLOT_TYPES.get(slot), id).settings();
            return descriptors.stream().filter(d -> d.key().equals(key)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException(option + ": " + slot.field() + " '" + id
                            + "' takes no setting '" + key + "'; it takes " + (descriptors.isEmpty() ? "none"
                                    : String.join(", ", descriptors.stream().map(SettingDescriptor::key).toList()))));
        }

        /** The value as it will be written: checked against the descriptor, a path made absolute. */
        private static String checked(String id, SettingDescriptor descriptor, String value, String option) {
            try {
                new Settings(id, List.of(descriptor), Map.of(descriptor.key(), value)).getString(descriptor.key());
            } catch (InvalidSettingException e) {
                throw new IllegalArgumentException(option + ": " + e.getMessage(), e);
            }
            return descriptor.type() == SettingType.PATH && !value.isBlank()
                    ? Path.of(value).toAbsolutePath().toString() : value;
        }

        private static <S extends ExperimentSection<S>> S section(S section, String key, String value, String field,
                String option) {
            S changed;
            try {
                changed = section.with(key, value);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(option + ": " + e.getMessage(), e);
            }
            String prefix = field + ":";
            changed.problems().stream().filter(p -> p.startsWith(prefix)).findFirst().ifPresent(p -> {
                throw new IllegalArgumentException(option + ": " + p.substring(prefix.length()).trim());
            });
            return changed;
        }

        private static final Map<PluginSlot, Class<? extends Provider>> SLOT_TYPES = Map.of(
                PluginSlot.BACKBONE, Backbone.class, PluginSlot.DATASET, AnomalyDataset.class,
                PluginSlot.NEGATIVES, NegativeSource.class, PluginSlot.SEGMENTATION, NegativeSource.class);
    }
}

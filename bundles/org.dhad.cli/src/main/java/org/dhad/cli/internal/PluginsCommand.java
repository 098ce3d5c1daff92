package org.dhad.cli.internal;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

import org.dhad.api.ProviderKind;
import org.dhad.api.registry.PluginConflict;
import org.dhad.api.registry.PluginDescriptor;
import org.dhad.api.registry.PluginRegistry;

import com.google.gson.GsonBuilder;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code dhad plugins}: the installed providers of every kind. */
@Command(name = "plugins", mixinStandardHelpOptions = true,
        description = "List the installed plugins (backbones, datasets, negative sources, loss terms, metrics).")
final class PluginsCommand implements Callable<Integer> {

    private final PluginRegistry registry;

    @Spec
    private CommandSpec spec;

    @Option(names = "--json", description = "Print JSON instead of a table.")
    private boolean json;

    @Option(names = "--kind", paramLabel = "KIND",
            description = "Only this kind: backbone, dataset, negatives, loss, metric.")
    private String kind;

    PluginsCommand(PluginRegistry registry) {
        this.registry = registry;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<PluginDescriptor> plugins = kind == null ? registry.list() : registry.list(ProviderKind.fromLabel(kind));
        if (json) {
            out.println(new GsonBuilder().setPrettyPrinting().create().toJson(plugins.stream()
                    .map(p -> new JsonPlugin(p.kind().label(), p.id(), p.name(), p.description(), p.bundle(),
                            p.bundleVersion()))
                    .toList()));
        } else {
            TextTable table = new TextTable("KIND", "ID", "NAME", "BUNDLE", "VERSION");
            plugins.forEach(p -> table.row(p.kind().label(), p.id(), p.name(), p.bundle(), p.bundleVersion()));
            table.print(out);
        }
        out.flush();
        List<PluginConflict> conflicts = registry.conflicts();
        conflicts.forEach(c -> spec.commandLine().getErr().println("warning: " + c.message()));
        spec.commandLine().getErr().flush();
        return conflicts.isEmpty() ? 0 : 1;
    }

    /** The JSON shape of one plugin (kind as its short label). */
    private record JsonPlugin(String kind, String id, String name, String description, String bundle,
            String version) {
    }
}

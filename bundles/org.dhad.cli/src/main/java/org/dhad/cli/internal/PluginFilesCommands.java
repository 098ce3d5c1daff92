package org.dhad.cli.internal;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import org.dhad.api.PluginException;
import org.dhad.api.registry.InstalledPlugin;
import org.dhad.api.registry.PluginInstaller;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code dhad plugins install|remove|installed}: third-party plugin bundles. */
final class PluginFilesCommands {

    private PluginFilesCommands() {
    }

    private static void print(PrintWriter out, List<InstalledPlugin> plugins) {
        TextTable table = new TextTable("BUNDLE", "VERSION", "STATE", "FILE", "PROBLEM");
        plugins.forEach(p -> table.row(p.symbolicName(), p.version(), p.state(), p.file(), p.problem()));
        table.print(out);
    }

    @Command(name = "install", mixinStandardHelpOptions = true,
            description = "Install a plugin bundle jar, or every new bundle of a local p2 repository or folder.")
    static final class Install implements Callable<Integer> {

        private final PluginInstaller installer;

        @Spec
        private CommandSpec spec;

        @Parameters(paramLabel = "JAR|REPOSITORY", description = "A bundle jar, a p2 repository folder or a folder of jars.")
        private Path source;

        Install(PluginInstaller installer) {
            this.installer = installer;
        }

        @Override
        public Integer call() throws PluginException {
            List<InstalledPlugin> installed = installer.install(source.toAbsolutePath());
            print(spec.commandLine().getOut(), installed);
            spec.commandLine().getOut().println("\nInstalled " + installed.size() + " plugin(s) into " + installer.folder());
            return 0;
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true, description = "Remove an installed plugin bundle.")
    static final class Remove implements Callable<Integer> {

        private final PluginInstaller installer;

        @Spec
        private CommandSpec spec;

        @Parameters(paramLabel = "ID", description = "The plugin's bundle symbolic name (see dhad plugins installed).")
        private String symbolicName;

        Remove(PluginInstaller installer) {
            this.installer = installer;
        }

        @Override
        public Integer call() throws PluginException {
            InstalledPlugin removed = installer.remove(symbolicName);
            spec.commandLine().getOut().println("Removed " + removed.symbolicName() + " " + removed.version());
            return 0;
        }
    }

    @Command(name = "installed", mixinStandardHelpOptions = true,
            description = "List the plugin bundles installed with dhad plugins install.")
    static final class Installed implements Callable<Integer> {

        private final PluginInstaller installer;

        @Spec
        private CommandSpec spec;

        Installed(PluginInstaller installer) {
            this.installer = installer;
        }

        @Override
        public Integer call() {
            print(spec.commandLine().getOut(), installer.installed());
            return 0;
        }
    }
}

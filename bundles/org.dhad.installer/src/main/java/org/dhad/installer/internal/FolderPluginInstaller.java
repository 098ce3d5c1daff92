package org.dhad.installer.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Stream;

import org.dhad.api.PluginException;
import org.dhad.api.registry.InstalledPlugin;
import org.dhad.api.registry.PluginInstaller;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.wiring.FrameworkWiring;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Installed plugins are the jars in one folder (framework property {@value #FOLDER_PROPERTY}, default
 * {@code ~/.dhad/plugins}); at activation every jar there is installed and started, so installs
 * persist across restarts without touching the product's own configuration.
 */
@Component(service = PluginInstaller.class, immediate = true)
public final class FolderPluginInstaller implements PluginInstaller {

    /** Framework or system property naming the plugins folder. */
    public static final String FOLDER_PROPERTY = "dhad.plugins.dir";

    private static final Logger LOG = LoggerFactory.getLogger(FolderPluginInstaller.class);
    private static final String LOCATION_PREFIX = "dhad-plugin:";

    private final BundleContext context;
    private final Path folder;

    @Activate
    public FolderPluginInstaller(BundleContext context) {
        this(context, defaultFolder(context));
    }

    FolderPluginInstaller(BundleContext context, Path folder) {
        this.context = context;
        this.folder = folder;
        for (Path jar : jars()) {
            try {
                installAndStart(jar);
            } catch (PluginException e) {
                // One broken plugin must not keep the others, or the product, from starting.
                LOG.warn("Plugin {} was not started: {}", jar, e.getMessage());
            }
        }
    }

    private static Path defaultFolder(BundleContext context) {
        String configured = context.getProperty(FOLDER_PROPERTY);
        return configured != null && !configured.isBlank() ? Path.of(configured)
                : Path.of(System.getProperty("user.home"), ".dhad", "plugins");
    }

    @Override
    public Path folder() {
        return folder;
    }

    @Override
    public List<InstalledPlugin> installed() {
        List<InstalledPlugin> plugins = new ArrayList<>();
        for (Path jar : jars()) {
            Bundle bundle = context.getBundle(location(jar));
            plugins.add(bundle == null ? new InstalledPlugin(jar.getFileName().toString(), "?", jar, "installed",
                    "not installed in this framework") : describe(bundle, jar));
        }
        return plugins;
    }

    @Override
    public List<InstalledPlugin> install(Path source) throws PluginException {
        if (!Files.exists(source)) {
            throw new PluginException(source + " does not exist; expected a bundle jar, a p2 repository or a folder of jars");
        }
        List<Path> candidates = Files.isDirectory(source) ? bundleJars(source) : List.of(source);
        if (candidates.isEmpty()) {
            throw new PluginException(source + " holds no bundle jars (looked in plugins/ and the folder itself)");
        }
        List<InstalledPlugin> result = new ArrayList<>();
        for (Path candidate : candidates) {
            BundleIdentity identity = identity(candidate);
            Bundle existing = bySymbolicName(identity.symbolicName());
            if (existing != null && !existing.getLocation().startsWith(LOCATION_PREFIX)) {
                if (Files.isDirectory(source)) {
                    continue; // part of the product: a repository lists those too
                }
                throw new PluginException(identity.symbolicName() + " is part of the product and cannot be "
                        + "replaced by " + candidate);
            }
            if (existing != null) {
                remove(identity.symbolicName());
            }
            result.add(installCopy(candidate, identity));
        }
        return result;
    }

    private InstalledPlugin installCopy(Path candidate, BundleIdentity identity) throws PluginException {
        Path target = folder.resolve(identity.symbolicName() + "_" + identity.version() + ".jar");
        try {
            Files.createDirectories(folder);
            Path temp = Files.createTempFile(folder, ".installing-", ".jar");
            Files.copy(candidate, temp, StandardCopyOption.REPLACE_EXISTING);
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new PluginException("Cannot copy " + candidate + " into the plugins folder " + folder + ": " + e);
        }
        try {
            return describe(installAndStart(target), target);
        } catch (PluginException e) {
            deleteQuietly(target);
            throw e;
        }
    }

    @Override
    public InstalledPlugin remove(String symbolicName) throws PluginException {
        for (Path jar : jars()) {
            Bundle bundle = context.getBundle(location(jar));
            boolean matches = bundle != null ? symbolicName.equals(bundle.getSymbolicName())
                    : jar.getFileName().toString().startsWith(symbolicName + "_");
            if (matches) {
                String version = bundle == null ? "?" : bundle.getVersion().toString();
                uninstall(bundle);
                deleteQuietly(jar);
                return new InstalledPlugin(symbolicName, version, jar, "removed", "");
            }
        }
        throw new PluginException("No plugin '" + symbolicName + "' was installed; installed: " + String.join(", ",
                installed().stream().map(InstalledPlugin::symbolicName).toList()));
    }

    /** Installs the jar (if not yet) and starts it; an unresolvable bundle is uninstalled again. */
    private Bundle installAndStart(Path jar) throws PluginException {
        Bundle bundle = context.getBundle(location(jar));
        try (InputStream in = Files.newInputStream(jar)) {
            if (bundle == null) {
                bundle = context.installBundle(location(jar), in);
            }
        } catch (IOException | BundleException e) {
            throw new PluginException("Cannot install " + jar + ": " + e.getMessage());
        }
        wiring().resolveBundles(List.of(bundle));
        if (bundle.getState() == Bundle.INSTALLED) {
            String missing = new UnresolvedRequirements(bundle, wiring()).describe();
            uninstall(bundle);
            throw new PluginException("Plugin " + bundle.getSymbolicName() + " " + bundle.getVersion()
                    + " cannot be used: " + missing);
        }
        List<String> taken = DeclaredProviders.conflicts(bundle, context);
        if (!taken.isEmpty()) {
            uninstall(bundle);
            throw new PluginException("Plugin " + bundle.getSymbolicName() + " " + bundle.getVersion()
                    + " cannot be installed: an id it declares is taken: " + String.join("; ", taken)
                    + ". Ids must be unique per kind; remove the other plugin first (dhad plugins remove NAME)"
                    + " or give this one another id");
        }
        if (bundle.getHeaders().get(Constants.FRAGMENT_HOST) == null) {
            try {
                bundle.start();
            } catch (BundleException e) {
                uninstall(bundle);
                throw new PluginException("Plugin " + bundle.getSymbolicName() + " failed to start: " + e.getMessage());
            }
        }
        return bundle;
    }

    private void uninstall(Bundle bundle) {
        if (bundle == null || bundle.getState() == Bundle.UNINSTALLED) {
            return;
        }
        try {
            bundle.uninstall();
            wiring().refreshBundles(List.of(bundle));
        } catch (BundleException e) {
            LOG.warn("Could not uninstall plugin {}: {}", bundle.getSymbolicName(), e.getMessage());
        }
    }

    private FrameworkWiring wiring() {
        return context.getBundle(Constants.SYSTEM_BUNDLE_LOCATION).adapt(FrameworkWiring.class);
    }

    private InstalledPlugin describe(Bundle bundle, Path jar) {
        String state = switch (bundle.getState()) {
            case Bundle.ACTIVE, Bundle.STARTING -> "active";
            case Bundle.RESOLVED -> "resolved";
            default -> "installed";
        };
        String problem = bundle.getState() == Bundle.INSTALLED ? new UnresolvedRequirements(bundle, wiring()).describe() : "";
        return new InstalledPlugin(bundle.getSymbolicName(), bundle.getVersion().toString(), jar, state, problem);
    }

    private Bundle bySymbolicName(String symbolicName) {
        return Stream.of(context.getBundles()).filter(b -> symbolicName.equals(b.getSymbolicName())).findFirst()
                .orElse(null);
    }

    private List<Path> jars() {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".jar")
                    && !f.getFileName().toString().startsWith(".")).sorted().toList();
        } catch (IOException e) {
            LOG.warn("Cannot list the plugins folder {}: {}", folder, e.getMessage());
            return List.of();
        }
    }

    /** Bundle jars of a p2 repository ({@code plugins/}) or of a plain folder. */
    private static List<Path> bundleJars(Path directory) throws PluginException {
        Path plugins = directory.resolve("plugins");
        Path scan = Files.isDirectory(plugins) ? plugins : directory;
        List<Path> jars = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(scan, "*.jar")) {
            stream.forEach(jars::add);
        } catch (IOException e) {
            throw new PluginException("Cannot read " + scan + ": " + e.getMessage());
        }
        jars.sort(Comparator.naturalOrder());
        return jars;
    }

    private static String location(Path jar) {
        return LOCATION_PREFIX + jar.toAbsolutePath();
    }

    private record BundleIdentity(String symbolicName, String version) {
    }

    private static BundleIdentity identity(Path jar) throws PluginException {
        try (JarFile file = new JarFile(jar.toFile())) {
            Manifest manifest = file.getManifest();
            String name = manifest == null ? null : manifest.getMainAttributes().getValue(Constants.BUNDLE_SYMBOLICNAME);
            if (name == null) {
                throw new PluginException(jar + " is not an OSGi bundle: its manifest has no Bundle-SymbolicName");
            }
            String version = manifest.getMainAttributes().getValue(Constants.BUNDLE_VERSION);
            return new BundleIdentity(name.split(";")[0].trim(), version == null ? "0.0.0" : version.trim());
        } catch (IOException e) {
            throw new PluginException(jar + " is not a readable jar: " + e.getMessage());
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("Could not delete {}: {}", file, e.getMessage());
        }
    }
}

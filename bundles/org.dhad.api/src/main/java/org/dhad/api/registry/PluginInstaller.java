package org.dhad.api.registry;

import java.nio.file.Path;
import java.util.List;

import org.dhad.api.PluginException;

/**
 * Installs and removes third-party plugin bundles in the running product. Installed plugins are kept
 * in a plugins folder and installed again at every start; a bundle that does not resolve is refused
 * with its unresolved requirements in plain words and leaves the other plugins untouched.
 */
public interface PluginInstaller {

    /** The plugins installed through this service, with their state. */
    List<InstalledPlugin> installed();

    /**
     * Installs a bundle jar, or every bundle of a local p2 repository or folder of jars, and starts it.
     *
     * @return the plugins installed
     * @throws PluginException when the file is not a bundle, a bundle of that name is part of the
     *                         product, or the bundle does not resolve (naming the missing requirement)
     */
    List<InstalledPlugin> install(Path source) throws PluginException;

    /**
     * Stops, uninstalls and forgets the plugin with this symbolic name.
     *
     * @throws PluginException when no plugin of that name was installed through this service
     */
    InstalledPlugin remove(String symbolicName) throws PluginException;

    /** The folder the installed plugin jars are kept in. */
    Path folder();
}

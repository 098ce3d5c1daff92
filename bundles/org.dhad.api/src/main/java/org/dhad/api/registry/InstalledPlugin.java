package org.dhad.api.registry;

import java.nio.file.Path;

/**
 * A third-party bundle installed through the {@link PluginInstaller}.
 *
 * @param symbolicName bundle symbolic name
 * @param version      bundle version
 * @param file         the jar in the plugins folder
 * @param state        {@code active}, {@code resolved}, {@code installed} (unresolved) or {@code removed}
 * @param problem      why it is not active, or empty
 */
public record InstalledPlugin(String symbolicName, String version, Path file, String state, String problem) {
}

package org.dhad.ui.internal.navigator;

import java.nio.file.Path;

/**
 * An element of the navigator tree. Elements are values (equal when they name the same folder or file), so
 * the tree keeps its selection and expanded folders when a refresh builds new elements.
 */
public sealed interface NavigatorNode {

    /** A folder of the tree: "Experiments", "Runs", one experiment's runs, or runs opened from elsewhere. */
    record Folder(String id, String label) implements NavigatorNode {
    }

    /** An experiment file ({@code .xmi}). */
    record ExperimentFile(Path file) implements NavigatorNode {
    }

    /** A run folder. */
    record Run(Path dir) implements NavigatorNode {
    }
}

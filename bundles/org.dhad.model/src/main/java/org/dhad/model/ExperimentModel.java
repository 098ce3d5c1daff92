package org.dhad.model;

import java.nio.file.Path;
import java.util.List;

import org.dhad.experiment.ExperimentSpec;
import org.eclipse.emf.ecore.EPackage;

/**
 * The experiment metamodel as a service: owns the dynamic EPackage loaded from
 * {@code model/experiment.ecore} and makes {@link ExperimentDocument}s from files, specs, presets or
 * nothing. Registered as an OSGi Declarative Services component; thread-safe.
 */
public interface ExperimentModel {

    /** Namespace URI of experiment files ({@code xmlns:dhad="..."}). */
    String NS_URI = "http://dhad.org/experiment/1.0";

    /** File extension of experiment files, without the dot. */
    String FILE_EXTENSION = "xmi";

    /** The metamodel, for editors that work on {@link ExperimentDocument#root()} reflectively. */
    EPackage ePackage();

    /**
     * A new document with every default of the metamodel filled in: paste and schedule at their
     * defaults, empty plugin ids, no loss terms, no metrics. Not valid until those are set.
     */
    ExperimentDocument create();

    /**
     * Reads an experiment file.
     *
     * @throws ModelException naming the file and line when it is missing, not well-formed XML, not an
     *                        experiment, or has an unknown element or attribute or an illegal value
     *                        (with the field path and the allowed values)
     */
    ExperimentDocument load(Path file) throws ModelException;

    /** A document holding exactly the values of {@code spec}; {@code toSpec()} gives an equal spec back. */
    ExperimentDocument fromSpec(ExperimentSpec spec);

    /** The presets shipped with this bundle, sorted by name. */
    List<PresetInfo> presets();

    /**
     * A new, unsaved document with the values of a preset.
     *
     * @throws ModelException if no preset has this name (the message lists the known ones)
     */
    ExperimentDocument preset(String name) throws ModelException;
}

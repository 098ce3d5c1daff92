package org.dhad.model;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.dhad.api.training.FreezePolicy;
import org.dhad.experiment.ExperimentSpec;
import org.dhad.experiment.PasteSpec;
import org.dhad.experiment.PluginChoice;
import org.dhad.experiment.Schedule;
import org.dhad.experiment.ScoreKind;
import org.eclipse.emf.ecore.EObject;

/**
 * One experiment, backed by an EMF object tree: typed getters and setters for the CLI and the UI,
 * the root {@link EObject} for reflective editors, validation, conversion to the engine's
 * {@link ExperimentSpec} and atomic XMI saving. Not thread-safe (like any EMF object tree).
 * <p>
 * Getters return copies: change a value through its setter.
 */
public interface ExperimentDocument {

    /** The root {@code Experiment} object, for editors; changes to it show in every getter. */
    EObject root();

    /** The file this document was loaded from or last saved to; empty for new documents and presets. */
    Optional<Path> file();

    /** Experiment name (used for the run folder); empty when unset. */
    String getName();

    void setName(String name);

    /** Free-text description; empty when unset. */
    String getDescription();

    void setDescription(String description);

    long getSeed();

    void setSeed(long seed);

    FreezePolicy getFreezePolicy();

    void setFreezePolicy(FreezePolicy policy);

    ScoreKind getScore();

    void setScore(ScoreKind score);

    /** The provider chosen for a slot, or empty when the slot's element is absent or has no id. */
    Optional<PluginChoice> getPlugin(PluginSlot slot);

    /** Replaces the provider id and all settings of a slot; {@code null} removes an optional slot's provider. */
    void setPlugin(PluginSlot slot, PluginChoice choice);

    /**
     * Sets one setting of a slot, replacing an existing value of the same key or appending it.
     *
     * @throws IllegalStateException if the slot has no provider element yet (call {@link #setPlugin})
     */
    void setSetting(PluginSlot slot, String key, String value);

    /** Path of the pretrained weights file as written; empty for random initialisation. */
    String getWeights();

    /** Sets the weights path; {@code null} or blank means random initialisation. */
    void setWeights(String weights);

    /** Dataset categories; empty means all the dataset has. */
    List<String> getCategories();

    void setCategories(List<String> categories);

    /** Paste settings; the metamodel defaults when the experiment has no paste element. */
    PasteSpec getPaste();

    void setPaste(PasteSpec paste);

    /** Loss-term ids with their weights, in file order. */
    Map<String, Double> getLossWeights();

    void setLossWeights(Map<String, Double> weights);

    /** Schedule; the metamodel defaults (the paper's) when the experiment has no schedule element. */
    Schedule getSchedule();

    void setSchedule(Schedule schedule);

    /** Metric ids to evaluate, in order. */
    List<String> getMetrics();

    void setMetrics(List<String> metrics);

    /**
     * Structural problems, each starting with the field path, e.g.
     * {@code schedule.epochs: 0 is not allowed; expected an integer >= 1}. Empty when valid. Provider
     * ids and settings are checked by the engine against the installed providers, not here.
     */
    List<String> validate();

    /**
     * The engine's view of this experiment.
     *
     * @throws ModelException listing every {@link #validate()} problem (and the file, if any) when invalid
     */
    ExperimentSpec toSpec() throws ModelException;

    /**
     * Writes this document as XMI, atomically: a temporary file in the same folder replaces the target
     * only once it is completely written, so a failure leaves an existing file as it was. Creates
     * missing parent folders. Saving does not validate (drafts may be saved).
     *
     * @throws ModelException naming the file and the cause
     */
    void save(Path file) throws ModelException;

    /** An independent deep copy (e.g. for sweeps), not attached to any file. */
    ExperimentDocument copy();
}

package org.dhad.model.internal;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.dhad.api.training.FreezePolicy;
import org.dhad.experiment.ExperimentSpec;
import org.dhad.experiment.ExperimentSection;
import org.dhad.experiment.PasteSpec;
import org.dhad.experiment.PluginChoice;
import org.dhad.experiment.Schedule;
import org.dhad.experiment.ScoreKind;
import org.dhad.model.ExperimentDocument;
import org.dhad.model.ModelException;
import org.dhad.model.PluginSlot;
import org.eclipse.emf.common.util.EList;
import org.eclipse.emf.ecore.EAttribute;
import org.eclipse.emf.ecore.EClass;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EReference;
import org.eclipse.emf.ecore.util.EcoreUtil;

/** {@link ExperimentDocument} over a dynamic EMF tree; the root always sits in its own resource. */
final class EmfExperimentDocument implements ExperimentDocument {

    private final ExperimentSchema s;
    private final XmiStore store;
    private final EObject root;
    private Path file;

    /**
     * @param root an {@code Experiment} that is the only content of its resource
     * @param file where it came from, or {@code null}
     */
    EmfExperimentDocument(ExperimentSchema schema, XmiStore store, EObject root, Path file) {
        this.s = schema;
        this.store = store;
        this.root = root;
        this.file = file;
    }

    @Override
    public EObject root() {
        return root;
    }

    @Override
    public Optional<Path> file() {
        return Optional.ofNullable(file);
    }

    @Override
    public String getName() {
        return text(root.eGet(s.name));
    }

    @Override
    public void setName(String name) {
        root.eSet(s.name, name);
    }

    @Override
    public String getDescription() {
        return text(root.eGet(s.description));
    }

    @Override
    public void setDescription(String description) {
        root.eSet(s.description, description);
    }

    @Override
    public long getSeed() {
        return (Long) root.eGet(s.seed);
    }

    @Override
    public void setSeed(long seed) {
        root.eSet(s.seed, seed);
    }

    @Override
    public FreezePolicy getFreezePolicy() {
        return ExperimentSchema.toJava(root.eGet(s.freezePolicy), FreezePolicy.class);
    }

    @Override
    public void setFreezePolicy(FreezePolicy policy) {
        root.eSet(s.freezePolicy, ExperimentSchema.toEmf(s.freezePolicy, policy));
    }

    @Override
    public ScoreKind getScore() {
        return ExperimentSchema.toJava(root.eGet(s.score), ScoreKind.class);
    }

    @Override
    public void setScore(ScoreKind score) {
        root.eSet(s.score, ExperimentSchema.toEmf(s.score, score));
    }

    @Override
    public Optional<PluginChoice> getPlugin(PluginSlot slot) {
        EObject config = (EObject) root.eGet(s.slot(slot));
        if (config == null || text(config.eGet(s.pluginId)).isBlank()) {
            return Optional.empty();
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (EObject setting : children(config, s.settings)) {
            String key = (String) setting.eGet(s.settingKey);
            if (key != null) {
                values.put(key, text(setting.eGet(s.settingValue)));
            }
        }
        return Optional.of(new PluginChoice((String) config.eGet(s.pluginId), values));
    }

    @Override
    public void setPlugin(PluginSlot slot, PluginChoice choice) {
        if (choice == null && slot.optional()) {
            root.eUnset(s.slot(slot));
            return;
        }
        EObject config = EcoreUtil.create(s.pluginConfig);
        config.eSet(s.pluginId, choice.id());
        root.eSet(s.slot(slot), config);
        choice.settings().forEach((key, value) -> setSetting(slot, key, value));
    }

    @Override
    public void setSetting(PluginSlot slot, String key, String value) {
        EObject config = (EObject) root.eGet(s.slot(slot));
        if (config == null) {
            throw new IllegalStateException(slot.field() + ": no provider chosen; set one before its settings");
        }
        for (EObject setting : children(config, s.settings)) {
            if (key.equals(setting.eGet(s.settingKey))) {
                setting.eSet(s.settingValue, value);
                return;
            }
        }
        EObject setting = EcoreUtil.create(s.setting);
        setting.eSet(s.settingKey, key);
        setting.eSet(s.settingValue, value);
        children(config, s.settings).add(setting);
    }

    @Override
    public String getWeights() {
        return text(root.eGet(s.weights));
    }

    @Override
    public void setWeights(String weights) {
        // Stored as empty text rather than unset, so that saved files show the field to fill in.
        root.eSet(s.weights, weights == null || weights.isBlank() ? "" : weights);
    }

    @Override
    public List<String> getCategories() {
        return List.copyOf(strings(s.categories));
    }

    @Override
    public void setCategories(List<String> categories) {
        replace(strings(s.categories), categories);
    }

    @Override
    public PasteSpec getPaste() {
        return PasteSpec.of(section(s.paste, s.pasteFields));
    }

    @Override
    public void setPaste(PasteSpec paste) {
        setSection(s.paste, s.pasteClass, s.pasteFields, paste);
    }

    @Override
    public Map<String, Double> getLossWeights() {
        Map<String, Double> weights = new LinkedHashMap<>();
        for (EObject term : children(root, s.lossTerms)) {
            String id = (String) term.eGet(s.lossId);
            if (id != null) {
                weights.put(id, (Double) term.eGet(s.lossWeight));
            }
        }
        return weights;
    }

    @Override
    public void setLossWeights(Map<String, Double> weights) {
        EList<EObject> terms = children(root, s.lossTerms);
        terms.clear();
        weights.forEach((id, weight) -> {
            EObject term = EcoreUtil.create(s.lossTerm);
            term.eSet(s.lossId, id);
            term.eSet(s.lossWeight, weight);
            terms.add(term);
        });
    }

    @Override
    public Schedule getSchedule() {
        return Schedule.of(section(s.schedule, s.scheduleFields));
    }

    @Override
    public void setSchedule(Schedule schedule) {
        setSection(s.schedule, s.scheduleClass, s.scheduleFields, schedule);
    }

    /** A section element's values by field key; the field defaults when the element is absent. */
    private Map<String, String> section(EReference containment, Map<String, EAttribute> fields) {
        EObject element = (EObject) root.eGet(containment);
        Map<String, String> values = new LinkedHashMap<>();
        if (element != null) {
            fields.forEach((key, attribute) -> {
                if (element.eGet(attribute) instanceof String value) {
                    values.put(key, value);
                }
            });
        }
        return values;
    }

    private void setSection(EReference containment, EClass type, Map<String, EAttribute> fields,
            ExperimentSection<?> section) {
        EObject element = EcoreUtil.create(type);
        section.values().forEach((key, value) -> element.eSet(fields.get(key), value));
        root.eSet(containment, element);
    }

    @Override
    public List<String> getMetrics() {
        return List.copyOf(strings(s.metrics));
    }

    @Override
    public void setMetrics(List<String> metrics) {
        replace(strings(s.metrics), metrics);
    }

    private static void replace(EList<String> list, List<String> values) {
        list.clear();
        list.addAll(values);
    }

    @Override
    public List<String> validate() {
        List<String> problems = new java.util.ArrayList<>(DocumentValidator.validate(s, root));
        problems.addAll(draft().problems());
        return problems;
    }

    @Override
    public ExperimentSpec toSpec() throws ModelException {
        List<String> problems = validate();
        if (!problems.isEmpty()) {
            String source = file != null ? file.toString() : "experiment '" + getName() + "'";
            throw new ModelException(source + ": " + problems.size() + " problem(s):\n  "
                    + String.join("\n  ", problems), problems, null);
        }
        return draft();
    }

    /** The spec as far as the document gives it: absent providers are {@code null}, for validation. */
    private ExperimentSpec draft() {
        String weights = getWeights();
        Path weightsFile = null;
        try {
            weightsFile = weights.isBlank() ? null : Path.of(weights);
        } catch (java.nio.file.InvalidPathException e) {
            // DocumentValidator names it
        }
        return new ExperimentSpec(getName(), getPlugin(PluginSlot.BACKBONE).orElse(null), weightsFile,
                getPlugin(PluginSlot.DATASET).orElse(null), getCategories(), getPlugin(PluginSlot.NEGATIVES).orElse(null),
                getPaste(), getLossWeights(), getFreezePolicy(), getSchedule(), getSeed(), getMetrics(), getScore(),
                getPlugin(PluginSlot.SEGMENTATION).orElse(null));
    }

    @Override
    public void save(Path target) throws ModelException {
        store.save(root.eResource(), target);
        file = target;
    }

    @Override
    public ExperimentDocument copy() {
        return new EmfExperimentDocument(s, store, s.attach(EcoreUtil.copy(root)), null);
    }

    @Override
    public String toString() {
        return "ExperimentDocument[" + getName() + (file != null ? ", " + file : "") + "]";
    }

    @SuppressWarnings("unchecked")
    private EList<String> strings(EAttribute attribute) {
        return (EList<String>) root.eGet(attribute);
    }

    @SuppressWarnings("unchecked")
    private static EList<EObject> children(EObject owner, EReference reference) {
        return (EList<EObject>) owner.eGet(reference);
    }

    private static String text(Object value) {
        return value == null ? "" : (String) value;
    }
}

package org.dhad.model.internal;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.dhad.api.training.FreezePolicy;
import org.dhad.engine.ExperimentSpec;
import org.dhad.engine.PasteMode;
import org.dhad.engine.PasteSpec;
import org.dhad.engine.PluginChoice;
import org.dhad.engine.Schedule;
import org.dhad.engine.ScoreKind;
import org.dhad.model.ExperimentDocument;
import org.dhad.model.ModelException;
import org.dhad.model.PluginSlot;
import org.eclipse.emf.common.util.EList;
import org.eclipse.emf.ecore.EAttribute;
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
        EObject paste = (EObject) root.eGet(s.paste);
        EObject p = paste != null ? paste : EcoreUtil.create(s.pasteClass);
        return new PasteSpec(ExperimentSchema.toJava(p.eGet(s.pasteMode), PasteMode.class),
                (Integer) p.eGet(s.pasteCount), (Double) p.eGet(s.pasteProbability),
                (Double) p.eGet(s.pasteMinScale), (Double) p.eGet(s.pasteMaxScale),
                (Integer) p.eGet(s.pasteRectangleStep));
    }

    @Override
    public void setPaste(PasteSpec paste) {
        EObject p = EcoreUtil.create(s.pasteClass);
        p.eSet(s.pasteMode, ExperimentSchema.toEmf(s.pasteMode, paste.mode()));
        p.eSet(s.pasteCount, paste.count());
        p.eSet(s.pasteProbability, paste.probability());
        p.eSet(s.pasteMinScale, paste.minScale());
        p.eSet(s.pasteMaxScale, paste.maxScale());
        p.eSet(s.pasteRectangleStep, paste.rectangleStep());
        root.eSet(s.paste, p);
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
        EObject schedule = (EObject) root.eGet(s.schedule);
        EObject x = schedule != null ? schedule : EcoreUtil.create(s.scheduleClass);
        return new Schedule((Integer) x.eGet(s.epochs), (Integer) x.eGet(s.batchSize), (Integer) x.eGet(s.inputSize),
                (Double) x.eGet(s.learningRate), (Double) x.eGet(s.backboneLrFactor),
                (Double) x.eGet(s.minLearningRate), (Integer) x.eGet(s.loaderThreads));
    }

    @Override
    public void setSchedule(Schedule schedule) {
        EObject x = EcoreUtil.create(s.scheduleClass);
        x.eSet(s.epochs, schedule.epochs());
        x.eSet(s.batchSize, schedule.batchSize());
        x.eSet(s.inputSize, schedule.inputSize());
        x.eSet(s.learningRate, schedule.learningRate());
        x.eSet(s.backboneLrFactor, schedule.backboneLrFactor());
        x.eSet(s.minLearningRate, schedule.minLearningRate());
        x.eSet(s.loaderThreads, schedule.loaderThreads());
        root.eSet(s.schedule, x);
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
        return DocumentValidator.validate(s, root);
    }

    @Override
    public ExperimentSpec toSpec() throws ModelException {
        List<String> problems = validate();
        if (!problems.isEmpty()) {
            String source = file != null ? file.toString() : "experiment '" + getName() + "'";
            throw new ModelException(source + ": " + problems.size() + " problem(s):\n  "
                    + String.join("\n  ", problems), problems, null);
        }
        String weights = getWeights();
        return new ExperimentSpec(getName(), getPlugin(PluginSlot.BACKBONE).orElseThrow(),
                weights.isBlank() ? null : Path.of(weights), getPlugin(PluginSlot.DATASET).orElseThrow(),
                getCategories(), getPlugin(PluginSlot.NEGATIVES).orElseThrow(), getPaste(), getLossWeights(),
                getFreezePolicy(), getSchedule(), getSeed(), getMetrics(), getScore());
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

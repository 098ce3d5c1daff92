package org.dhad.model.internal;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.eclipse.emf.ecore.EAttribute;
import org.eclipse.emf.ecore.EEnum;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EReference;

/**
 * Structural checks of one experiment tree. Each message starts with the field path and says what
 * was found and what is expected. Whether ids name installed providers is the engine's concern.
 */
final class DocumentValidator {

    private final ExperimentSchema s;
    private final List<String> problems = new ArrayList<>();

    private DocumentValidator(ExperimentSchema schema) {
        this.s = schema;
    }

    /** Every structural problem of {@code root}; empty when it is valid. */
    static List<String> validate(ExperimentSchema schema, EObject root) {
        DocumentValidator validator = new DocumentValidator(schema);
        validator.check(root);
        return List.copyOf(validator.problems);
    }

    private void check(EObject root) {
        String name = (String) root.eGet(s.name);
        if (blank(name)) {
            problems.add("name: missing; expected a non-empty name (it names the run folder)");
        } else if (name.matches(".*[/\\\\:*?\"<>|].*")) {
            problems.add("name: '" + name + "' is not allowed; expected a name without / \\ : * ? \" < > |");
        }
        enumSet(root, s.freezePolicy);
        enumSet(root, s.score);
        String weights = (String) root.eGet(s.weights);
        if (!blank(weights)) {
            try {
                Path.of(weights);
            } catch (InvalidPathException e) {
                problems.add("weights: '" + weights + "' is not a valid path (" + e.getReason() + ")");
            }
        }
        plugin(root, s.backbone);
        plugin(root, s.dataset);
        ids("categories", strings(root, s.categories), false);
        plugin(root, s.negatives);
        EObject paste = (EObject) root.eGet(s.paste);
        if (paste != null) {
            paste(paste);
        }
        lossTerms(root);
        EObject schedule = (EObject) root.eGet(s.schedule);
        if (schedule != null) {
            schedule(schedule);
        }
        ids("metrics", strings(root, s.metrics), true);
    }

    private void plugin(EObject root, EReference slot) {
        EObject config = (EObject) root.eGet(slot);
        String field = slot.getName();
        if (config == null) {
            problems.add(field + ": missing; expected a <" + field + " id=\"...\"> element");
            return;
        }
        if (blank((String) config.eGet(s.pluginId))) {
            problems.add(field + ".id: missing; expected the id of an installed provider");
        }
        Set<String> keys = new HashSet<>();
        List<?> settings = (List<?>) config.eGet(s.settings);
        for (int i = 0; i < settings.size(); i++) {
            EObject setting = (EObject) settings.get(i);
            String key = (String) setting.eGet(s.settingKey);
            String at = field + ".settings[" + i + "]";
            if (blank(key)) {
                problems.add(at + ".key: missing; expected a setting key such as 'root'");
            } else if (!keys.add(key)) {
                problems.add(at + ".key: '" + key + "' is given twice; expected each key once");
            }
            if (setting.eGet(s.settingValue) == null) {
                problems.add(at + ".value: missing for key '" + key + "'; expected a value (may be empty text)");
            }
        }
    }

    private void paste(EObject paste) {
        enumSet(paste, s.pasteMode);
        atLeast(paste, s.pasteCount, 1);
        double probability = (Double) paste.eGet(s.pasteProbability);
        if (!(probability >= 0 && probability <= 1)) {
            problems.add("paste.probability: " + probability + " is not allowed; expected a number in [0, 1]");
        }
        double min = (Double) paste.eGet(s.pasteMinScale);
        double max = (Double) paste.eGet(s.pasteMaxScale);
        if (!(min > 0 && min <= 1)) {
            problems.add("paste.minScale: " + min + " is not allowed; expected a number in (0, 1]");
        }
        if (!(max > 0 && max <= 1)) {
            problems.add("paste.maxScale: " + max + " is not allowed; expected a number in (0, 1]");
        } else if (min > max) {
            problems.add("paste.maxScale: " + max + " is not allowed; expected a number >= paste.minScale (" + min
                    + ")");
        }
        atLeast(paste, s.pasteRectangleStep, 1);
    }

    private void lossTerms(EObject root) {
        List<?> terms = (List<?>) root.eGet(s.lossTerms);
        if (terms.isEmpty()) {
            problems.add("lossTerms: at least one term is required; expected e.g. <lossTerms id=\"inlier-posterior\""
                    + " weight=\"1.0\"/>");
        }
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < terms.size(); i++) {
            EObject term = (EObject) terms.get(i);
            String id = (String) term.eGet(s.lossId);
            String at = "lossTerms[" + i + "]";
            if (blank(id)) {
                problems.add(at + ".id: missing; expected a loss-term id such as 'inlier-posterior'");
            } else if (!ids.add(id)) {
                problems.add(at + ".id: '" + id + "' is listed twice; expected each term once");
            }
            double weight = (Double) term.eGet(s.lossWeight);
            if (!(weight >= 0 && Double.isFinite(weight))) {
                problems.add(at + ".weight: " + weight + " is not allowed; expected a finite number >= 0");
            }
        }
    }

    private void schedule(EObject schedule) {
        atLeast(schedule, s.epochs, 1);
        atLeast(schedule, s.batchSize, 1);
        atLeast(schedule, s.inputSize, 16);
        double rate = (Double) schedule.eGet(s.learningRate);
        if (!(rate > 0 && Double.isFinite(rate))) {
            problems.add("schedule.learningRate: " + rate + " is not allowed; expected a finite number > 0");
        }
        double factor = (Double) schedule.eGet(s.backboneLrFactor);
        if (!(factor >= 0 && Double.isFinite(factor))) {
            problems.add("schedule.backboneLrFactor: " + factor + " is not allowed; expected a finite number >= 0");
        }
        double min = (Double) schedule.eGet(s.minLearningRate);
        if (!(min >= 0 && min <= rate)) {
            problems.add("schedule.minLearningRate: " + min
                    + " is not allowed; expected a number >= 0 and <= schedule.learningRate (" + rate + ")");
        }
        atLeast(schedule, s.loaderThreads, 1);
    }

    private void atLeast(EObject owner, EAttribute attribute, int min) {
        int value = (Integer) owner.eGet(attribute);
        if (value < min) {
            problems.add(LoadProblems.path(owner) + "." + attribute.getName() + ": " + value
                    + " is not allowed; expected an integer >= " + min);
        }
    }

    private void enumSet(EObject owner, EAttribute attribute) {
        if (owner.eGet(attribute) == null) {
            String prefix = LoadProblems.path(owner);
            problems.add((prefix.isEmpty() ? "" : prefix + ".") + attribute.getName() + ": missing; expected one of "
                    + ExperimentSchema.literals((EEnum) attribute.getEAttributeType()));
        }
    }

    private void ids(String field, List<String> values, boolean required) {
        if (required && values.isEmpty()) {
            problems.add(field + ": at least one id is required");
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < values.size(); i++) {
            String value = values.get(i);
            if (blank(value)) {
                problems.add(field + "[" + i + "]: empty; expected an id");
            } else if (!seen.add(value)) {
                problems.add(field + "[" + i + "]: '" + value + "' is listed twice; expected each once");
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static List<String> strings(EObject owner, EAttribute attribute) {
        return (List<String>) owner.eGet(attribute);
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}

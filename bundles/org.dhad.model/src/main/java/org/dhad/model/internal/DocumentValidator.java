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
 * Checks of what only the experiment file can get wrong: provider settings and loss terms listed with
 * blank or repeated keys and ids (a map would hide them), paths that are not paths. The values themselves
 * are checked by {@link org.dhad.experiment.ExperimentSpec#problems()}, like everywhere else. Each message
 * starts with the field path and says what was found and what is expected.
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
        plugin(root, s.negatives);
        plugin(root, s.segmentation);
        lossTerms(root);
    }

    private void plugin(EObject root, EReference slot) {
        EObject config = (EObject) root.eGet(slot);
        String field = slot.getName();
        if (config == null) {
            return; // ExperimentSpec.problems() reports the missing provider
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

    private void lossTerms(EObject root) {
        List<?> terms = (List<?>) root.eGet(s.lossTerms);
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
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}

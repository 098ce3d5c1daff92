package org.dhad.model.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.dhad.model.ExperimentModel;
import org.eclipse.emf.ecore.EDataType;
import org.eclipse.emf.ecore.EEnum;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EStructuralFeature;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.emf.ecore.xmi.ClassNotFoundException;
import org.eclipse.emf.ecore.xmi.FeatureNotFoundException;
import org.eclipse.emf.ecore.xmi.IllegalValueException;
import org.eclipse.emf.ecore.xmi.PackageNotFoundException;
import org.xml.sax.SAXParseException;

/**
 * Turns EMF's load diagnostics into messages people can act on: the file and line, the field path
 * ({@code schedule.epochs}), the offending value and what is allowed (enum literals, known names).
 */
final class LoadProblems {

    private LoadProblems() {
    }

    /**
     * One message per diagnostic of {@code resource}, each starting with {@code source, line N:}.
     *
     * @param source file or preset name shown in messages
     */
    static List<String> describe(String source, Resource resource) {
        List<Resource.Diagnostic> errors = resource.getErrors();
        // Errors before a well-formedness error are usually its consequences (elements nested wrongly).
        List<Resource.Diagnostic> xml = errors.stream().filter(LoadProblems::notWellFormed).toList();
        if (!xml.isEmpty()) {
            errors = xml;
        }
        // An unknown namespace also makes the root class unknown; the namespace is the real problem.
        boolean unknownPackage = errors.stream().anyMatch(PackageNotFoundException.class::isInstance);
        List<String> messages = new ArrayList<>();
        for (Resource.Diagnostic error : errors) {
            if (unknownPackage && error instanceof ClassNotFoundException) {
                continue;
            }
            String where = error.getLine() > 0 ? source + ", line " + error.getLine() + ": " : source + ": ";
            messages.add(where + explain(error));
        }
        return messages;
    }

    /** Dotted path of {@code object} from the root, e.g. {@code backbone.settings[1]}; empty for the root. */
    static String path(EObject object) {
        EObject container = object == null ? null : object.eContainer();
        if (container == null) {
            return "";
        }
        EStructuralFeature feature = object.eContainingFeature();
        String parent = path(container);
        String step = feature.getName();
        if (feature.isMany()) {
            step += "[" + ((List<?>) container.eGet(feature)).indexOf(object) + "]";
        }
        return parent.isEmpty() ? step : parent + "." + step;
    }

    private static String explain(Resource.Diagnostic error) {
        if (error instanceof IllegalValueException illegal) {
            EStructuralFeature feature = illegal.getFeature();
            String prefix = path(illegal.getObject());
            String field = prefix.isEmpty() ? feature.getName() : prefix + "." + feature.getName();
            return field + ": '" + illegal.getValue() + "' is not allowed; expected " + expected(feature);
        }
        if (error instanceof FeatureNotFoundException unknown) {
            EObject owner = unknown.getObject();
            if (owner == null) {
                return "unknown element or attribute '" + unknown.getName() + "'";
            }
            String where = path(owner);
            String known = owner.eClass().getEAllStructuralFeatures().stream().map(EStructuralFeature::getName)
                    .collect(Collectors.joining(", "));
            return "unknown element or attribute '" + unknown.getName() + "' in "
                    + (where.isEmpty() ? "the experiment" : where) + "; expected one of " + known;
        }
        if (error instanceof PackageNotFoundException unknown) {
            return "unknown namespace '" + unknown.uri() + "'; expected xmlns:dhad=\"" + ExperimentModel.NS_URI
                    + "\"";
        }
        if (error instanceof ClassNotFoundException unknown) {
            return "'" + unknown.getName() + "' is not an element of an experiment; expected the root element "
                    + "dhad:Experiment with xmlns:dhad=\"" + ExperimentModel.NS_URI + "\"";
        }
        if (notWellFormed(error)) {
            return "not well-formed XML: " + ((Exception) error).getCause().getMessage();
        }
        return error.getMessage();
    }

    private static boolean notWellFormed(Resource.Diagnostic error) {
        return error instanceof Exception exception && exception.getCause() instanceof SAXParseException;
    }

    private static String expected(EStructuralFeature feature) {
        if (feature.getEType() instanceof EEnum eEnum) {
            return "one of " + ExperimentSchema.literals(eEnum);
        }
        if (feature.getEType() instanceof EDataType type && type.getInstanceClass() != null) {
            Class<?> javaType = type.getInstanceClass();
            if (javaType == int.class || javaType == Integer.class) {
                return "an integer (e.g. 40)";
            }
            if (javaType == long.class || javaType == Long.class) {
                return "a whole number (e.g. 0)";
            }
            if (javaType == double.class || javaType == Double.class) {
                return "a decimal number (e.g. 0.25 or 1.0E-4)";
            }
        }
        return "a value of type " + feature.getEType().getName();
    }
}

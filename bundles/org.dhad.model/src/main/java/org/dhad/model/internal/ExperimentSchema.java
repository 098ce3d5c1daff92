package org.dhad.model.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.dhad.api.SettingDescriptor;
import org.dhad.experiment.PasteSpec;
import org.dhad.experiment.Schedule;
import org.dhad.model.ExperimentModel;
import org.dhad.model.PluginSlot;
import org.eclipse.emf.common.util.Enumerator;
import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.EAttribute;
import org.eclipse.emf.ecore.EClass;
import org.eclipse.emf.ecore.EClassifier;
import org.eclipse.emf.ecore.EEnum;
import org.eclipse.emf.ecore.EEnumLiteral;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EPackage;
import org.eclipse.emf.ecore.EReference;
import org.eclipse.emf.ecore.EStructuralFeature;
import org.eclipse.emf.ecore.EcoreFactory;
import org.eclipse.emf.ecore.EcorePackage;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.emf.ecore.resource.ResourceSet;
import org.eclipse.emf.ecore.resource.impl.ResourceSetImpl;
import org.eclipse.emf.ecore.xmi.impl.EcoreResourceFactoryImpl;
import org.eclipse.emf.ecore.xmi.impl.XMIResourceFactoryImpl;

/**
 * The dynamic experiment EPackage with every class and feature looked up once by name. This is the
 * only place that spells feature names; a mismatch with the ecore fails at load time, not at use.
 */
final class ExperimentSchema {

    final EPackage ePackage;

    final EClass experiment;
    final EAttribute name;
    final EAttribute description;
    final EAttribute seed;
    final EAttribute freezePolicy;
    final EAttribute score;
    final EAttribute weights;
    final EAttribute categories;
    final EAttribute metrics;
    final EReference backbone;
    final EReference dataset;
    final EReference negatives;
    final EReference segmentation;
    final EReference paste;
    final EReference lossTerms;
    final EReference schedule;

    final EClass pluginConfig;
    final EAttribute pluginId;
    final EReference settings;

    final EClass setting;
    final EAttribute settingKey;
    final EAttribute settingValue;

    final EClass pasteClass;
    /** The paste element's attributes by field key, made from {@link PasteSpec#FIELDS}. */
    final Map<String, EAttribute> pasteFields;

    final EClass lossTerm;
    final EAttribute lossId;
    final EAttribute lossWeight;

    final EClass scheduleClass;
    /** The schedule element's attributes by field key, made from {@link Schedule#FIELDS}. */
    final Map<String, EAttribute> scheduleFields;

    private ExperimentSchema(EPackage ePackage) {
        this.ePackage = ePackage;
        experiment = eClass("Experiment");
        name = attribute(experiment, "name");
        description = attribute(experiment, "description");
        seed = attribute(experiment, "seed");
        freezePolicy = attribute(experiment, "freezePolicy");
        score = attribute(experiment, "score");
        weights = attribute(experiment, "weights");
        categories = attribute(experiment, "categories");
        metrics = attribute(experiment, "metrics");
        backbone = reference(experiment, "backbone");
        dataset = reference(experiment, "dataset");
        negatives = reference(experiment, "negatives");
        segmentation = reference(experiment, "segmentation");
        paste = reference(experiment, "paste");
        lossTerms = reference(experiment, "lossTerms");
        schedule = reference(experiment, "schedule");

        pluginConfig = eClass("PluginConfig");
        pluginId = attribute(pluginConfig, "id");
        settings = reference(pluginConfig, "settings");
        setting = eClass("Setting");
        settingKey = attribute(setting, "key");
        settingValue = attribute(setting, "value");

        pasteClass = eClass("Paste");
        pasteFields = fields(pasteClass, PasteSpec.FIELDS);

        lossTerm = eClass("LossTermConfig");
        lossId = attribute(lossTerm, "id");
        lossWeight = attribute(lossTerm, "weight");

        scheduleClass = eClass("Schedule");
        scheduleFields = fields(scheduleClass, Schedule.FIELDS);

        // The ecore enums must spell exactly the Java enums the engine uses.
        requireSameLiterals(freezePolicy, org.dhad.api.training.FreezePolicy.class);
        requireSameLiterals(score, org.dhad.experiment.ScoreKind.class);
    }

    /**
     * Reads the ecore at {@code ecore} into its own resource set.
     *
     * @throws IOException           if it cannot be read
     * @throws IllegalStateException if it is not the experiment metamodel this code expects
     */
    static ExperimentSchema load(URL ecore) throws IOException {
        if (ecore == null) {
            throw new IOException("model/experiment.ecore not found in the org.dhad.model bundle");
        }
        ResourceSet set = new ResourceSetImpl();
        set.getResourceFactoryRegistry().getExtensionToFactoryMap().put("*", new EcoreResourceFactoryImpl());
        set.getPackageRegistry().put(EcorePackage.eNS_URI, EcorePackage.eINSTANCE);
        Resource resource = set.createResource(URI.createURI(ecore.toString()));
        try (InputStream in = ecore.openStream()) {
            resource.load(in, Map.of());
        }
        if (resource.getContents().isEmpty() || !(resource.getContents().get(0) instanceof EPackage)) {
            throw new IllegalStateException(ecore + ": expected an EPackage as root");
        }
        EPackage ePackage = (EPackage) resource.getContents().get(0);
        if (!ExperimentModel.NS_URI.equals(ePackage.getNsURI())) {
            throw new IllegalStateException(ecore + ": nsURI is '" + ePackage.getNsURI() + "'; expected "
                    + ExperimentModel.NS_URI);
        }
        return new ExperimentSchema(ePackage);
    }

    /** A fresh resource set that reads and writes experiment XMI with this package, whatever the file name. */
    ResourceSet newResourceSet() {
        ResourceSet set = new ResourceSetImpl();
        set.getResourceFactoryRegistry().getExtensionToFactoryMap().put("*", new XMIResourceFactoryImpl());
        set.getPackageRegistry().put(ePackage.getNsURI(), ePackage);
        return set;
    }

    /** Puts {@code root} into a resource of a fresh resource set, as every document's root must be. */
    EObject attach(EObject root) {
        newResourceSet().createResource(URI.createURI("experiment.xmi")).getContents().add(root);
        return root;
    }

    /** The containment that holds a slot's {@code PluginConfig}. */
    EReference slot(PluginSlot slotName) {
        return switch (slotName) {
            case BACKBONE -> backbone;
            case DATASET -> dataset;
            case NEGATIVES -> negatives;
            case SEGMENTATION -> segmentation;
        };
    }

    /** The Java constant for an enum attribute's value. */
    static <E extends Enum<E>> E toJava(Object literal, Class<E> type) {
        return literal == null ? null : Enum.valueOf(type, ((Enumerator) literal).getName());
    }

    /** The EMF value for a Java enum constant, for {@code eSet} on {@code attribute}. */
    static Object toEmf(EAttribute attribute, Enum<?> value) {
        EEnumLiteral literal = ((EEnum) attribute.getEAttributeType()).getEEnumLiteral(value.name());
        return literal.getInstance();
    }

    /** The literals an enum attribute allows, comma-separated, for messages. */
    static String literals(EEnum type) {
        return type.getELiterals().stream().map(EEnumLiteral::getName).collect(Collectors.joining(", "));
    }

    /**
     * Adds one text attribute per field to {@code owner}, named by the field's key with its default: the
     * ecore declares these classes empty, so the fields are defined once, in the experiment bundle. Text,
     * so that a value the field refuses still loads and is reported by validation with its path.
     */
    private static Map<String, EAttribute> fields(EClass owner, List<SettingDescriptor> fields) {
        if (!owner.getEStructuralFeatures().isEmpty()) {
            throw new IllegalStateException("experiment.ecore: " + owner.getName()
                    + " must declare no attributes; its fields come from the experiment bundle");
        }
        Map<String, EAttribute> byKey = new LinkedHashMap<>();
        for (SettingDescriptor field : fields) {
            EAttribute attribute = EcoreFactory.eINSTANCE.createEAttribute();
            attribute.setName(field.key());
            attribute.setEType(EcorePackage.Literals.ESTRING);
            attribute.setDefaultValueLiteral(field.defaultValue());
            owner.getEStructuralFeatures().add(attribute);
            byKey.put(field.key(), attribute);
        }
        return Collections.unmodifiableMap(byKey);
    }

    private EClass eClass(String className) {
        EClassifier classifier = ePackage.getEClassifier(className);
        if (!(classifier instanceof EClass eClass)) {
            throw new IllegalStateException("experiment.ecore: class '" + className + "' missing");
        }
        return eClass;
    }

    private static EAttribute attribute(EClass owner, String featureName) {
        EStructuralFeature feature = owner.getEStructuralFeature(featureName);
        if (!(feature instanceof EAttribute attribute)) {
            throw new IllegalStateException("experiment.ecore: attribute " + owner.getName() + "." + featureName
                    + " missing");
        }
        return attribute;
    }

    private static EReference reference(EClass owner, String featureName) {
        EStructuralFeature feature = owner.getEStructuralFeature(featureName);
        if (!(feature instanceof EReference reference) || !reference.isContainment()) {
            throw new IllegalStateException("experiment.ecore: containment " + owner.getName() + "." + featureName
                    + " missing");
        }
        return reference;
    }

    private static void requireSameLiterals(EAttribute attribute, Class<? extends Enum<?>> type) {
        List<String> emf = ((EEnum) attribute.getEAttributeType()).getELiterals().stream()
                .map(EEnumLiteral::getName).toList();
        List<String> java = Arrays.stream(type.getEnumConstants()).map(Enum::name).toList();
        if (!emf.equals(java)) {
            throw new IllegalStateException("experiment.ecore: " + attribute.getName() + " literals " + emf
                    + " differ from " + type.getName() + " " + java);
        }
    }
}

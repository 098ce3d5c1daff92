package org.dhad.model.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.dhad.experiment.ExperimentSpec;
import org.dhad.experiment.PasteMode;
import org.dhad.experiment.PasteSpec;
import org.dhad.experiment.Schedule;
import org.dhad.model.ExperimentDocument;
import org.dhad.model.ExperimentModel;
import org.dhad.model.ModelException;
import org.dhad.model.PluginSlot;
import org.dhad.model.PresetInfo;
import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EPackage;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.emf.ecore.util.EcoreUtil;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * The {@link ExperimentModel} service: reads {@code model/experiment.ecore} and the XMI files under
 * {@code presets/} from this bundle once, at activation; immutable afterwards.
 */
@Component(service = ExperimentModel.class)
public final class EmfExperimentModel implements ExperimentModel {

    private static final String ECORE_ENTRY = "model/experiment.ecore";
    private static final String PRESET_FOLDER = "presets";

    private final ExperimentSchema schema;
    private final XmiStore store;
    /** Preset roots by name, each in its own resource; only ever copied, never handed out. */
    private final Map<String, EObject> presets = new TreeMap<>();

    @Activate
    public EmfExperimentModel(BundleContext context) throws IOException, ModelException {
        this(context.getBundle().getEntry(ECORE_ENTRY), presetEntries(context.getBundle()));
    }

    /**
     * @param ecore   the metamodel
     * @param presets preset XMI files by preset name
     */
    EmfExperimentModel(URL ecore, Map<String, URL> presets) throws IOException, ModelException {
        this.schema = ExperimentSchema.load(ecore);
        this.store = new XmiStore(schema);
        for (Map.Entry<String, URL> preset : presets.entrySet()) {
            String source = "preset '" + preset.getKey() + "' (" + preset.getValue() + ")";
            Resource resource = schema.newResourceSet().createResource(URI.createURI(preset.getValue().toString()));
            try (InputStream in = preset.getValue().openStream()) {
                this.presets.put(preset.getKey(), store.read(resource, in, source).getContents().get(0));
            }
        }
    }

    @Override
    public EPackage ePackage() {
        return schema.ePackage;
    }

    @Override
    public ExperimentDocument create() {
        EmfExperimentDocument document = wrap(EcoreUtil.create(schema.experiment));
        document.setWeights(null);
        for (PluginSlot slot : PluginSlot.values()) {
            if (!slot.optional()) {
                document.root().eSet(schema.slot(slot), EcoreUtil.create(schema.pluginConfig));
            }
        }
        document.setPaste(PasteSpec.defaults(PasteMode.MASK));
        document.setSchedule(Schedule.paper());
        return document;
    }

    @Override
    public ExperimentDocument load(Path file) throws ModelException {
        Resource resource = store.load(file);
        return new EmfExperimentDocument(schema, store, resource.getContents().get(0), file);
    }

    @Override
    public ExperimentDocument fromSpec(ExperimentSpec spec) {
        ExperimentDocument document = wrap(EcoreUtil.create(schema.experiment));
        document.setName(spec.name());
        document.setSeed(spec.seed());
        document.setFreezePolicy(spec.freeze());
        document.setScore(spec.score());
        document.setWeights(spec.weights() == null ? null : spec.weights().toString());
        document.setPlugin(PluginSlot.BACKBONE, spec.backbone());
        document.setPlugin(PluginSlot.DATASET, spec.dataset());
        document.setCategories(spec.categories());
        document.setPlugin(PluginSlot.NEGATIVES, spec.negatives());
        document.setPaste(spec.paste());
        document.setLossWeights(spec.lossWeights());
        document.setSchedule(spec.schedule());
        document.setMetrics(spec.metrics());
        document.setPlugin(PluginSlot.SEGMENTATION, spec.segmentation());
        return document;
    }

    @Override
    public List<PresetInfo> presets() {
        List<PresetInfo> infos = new ArrayList<>();
        presets.forEach((name, root) -> {
            Object description = root.eGet(schema.description);
            infos.add(new PresetInfo(name, description == null ? "" : (String) description));
        });
        return Collections.unmodifiableList(infos);
    }

    @Override
    public ExperimentDocument preset(String name) throws ModelException {
        EObject root = presets.get(name);
        if (root == null) {
            throw new ModelException("preset '" + name + "' does not exist; known presets: "
                    + String.join(", ", presets.keySet()));
        }
        return wrap(EcoreUtil.copy(root));
    }

    private EmfExperimentDocument wrap(EObject root) {
        return new EmfExperimentDocument(schema, store, schema.attach(root), null);
    }

    /** Every {@code presets/*.xmi} entry of {@code bundle}, by file name without extension. */
    private static Map<String, URL> presetEntries(Bundle bundle) {
        Map<String, URL> entries = new TreeMap<>();
        Enumeration<URL> found = bundle.findEntries(PRESET_FOLDER, "*." + FILE_EXTENSION, false);
        while (found != null && found.hasMoreElements()) {
            URL url = found.nextElement();
            String fileName = url.getPath().substring(url.getPath().lastIndexOf('/') + 1);
            entries.put(fileName.substring(0, fileName.length() - FILE_EXTENSION.length() - 1), url);
        }
        return entries;
    }
}

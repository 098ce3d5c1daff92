package org.dhad.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.eclipse.emf.common.util.Diagnostic;
import org.eclipse.emf.ecore.util.Diagnostician;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceReference;

/** The component is registered by Declarative Services and carries a sound metamodel. */
class ExperimentModelServiceTest {

    @Test
    void serviceIsRegisteredByTheModelBundle() throws Exception {
        ExperimentModel model = ModelFixture.model();
        BundleContext context = FrameworkUtil.getBundle(ModelFixture.class).getBundleContext();
        ServiceReference<ExperimentModel> reference = context.getServiceReference(ExperimentModel.class);
        assertNotNull(reference, "service reference");
        assertEquals("org.dhad.model", reference.getBundle().getSymbolicName(), "registering bundle");
        assertEquals("org.dhad.model.internal.EmfExperimentModel", reference.getProperty("component.name"),
                "registered through DS");
        assertEquals(ExperimentModel.NS_URI, model.ePackage().getNsURI(), "namespace of experiment files");
        assertEquals("dhad", model.ePackage().getNsPrefix(), "prefix of experiment files");
    }

    @Test
    void metamodelPassesEcoreValidation() throws Exception {
        Diagnostic diagnostic = Diagnostician.INSTANCE.validate(ModelFixture.model().ePackage());
        assertEquals(Diagnostic.OK, diagnostic.getSeverity(), () -> "experiment.ecore: " + diagnostic.getChildren());
    }

    @Test
    void newDocumentListsWhatIsMissing() throws Exception {
        ExperimentDocument document = ModelFixture.model().create();
        assertEquals(List.of("name: missing; expected letters, digits, '.', '_' or '-' (it names the run folder)",
                "backbone: missing; expected the id of an installed provider in <backbone id=\"...\">",
                "dataset: missing; expected the id of an installed provider in <dataset id=\"...\">",
                "negatives: missing; expected the id of an installed provider in <negatives id=\"...\">",
                "lossTerms: at least one term is required; expected e.g. <lossTerms id=\"inlier-posterior\" weight=\"1.0\"/>",
                "metrics: at least one id is required"), document.validate(), "problems of an empty document");
        assertTrue(document.file().isEmpty(), "new document has no file");
        assertEquals("", document.getWeights(), "no weights");
    }
}

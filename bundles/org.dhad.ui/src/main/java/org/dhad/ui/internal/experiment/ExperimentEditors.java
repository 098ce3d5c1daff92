package org.dhad.ui.internal.experiment;

import org.dhad.model.ExperimentDocument;
import org.eclipse.e4.ui.model.application.MApplication;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.model.application.ui.basic.MPartStack;
import org.eclipse.e4.ui.workbench.modeling.EModelService;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.eclipse.e4.ui.workbench.modeling.EPartService.PartState;

/** Opens experiment documents and run sessions in new parts of the main part stack. */
public final class ExperimentEditors {

    /** The stack new parts go to. */
    public static final String STACK_ID = "org.dhad.ui.partstack.main";

    private ExperimentEditors() {
    }

    /** Shows {@code document} in a new experiment editor and activates it. */
    public static MPart open(ExperimentDocument document, EPartService parts, EModelService models,
            MApplication app) {
        return show(ExperimentPart.DESCRIPTOR_ID, ExperimentPart.DOCUMENT_KEY, document, parts, models, app);
    }

    /** Creates a part from a descriptor, hands it {@code data} under {@code key}, adds it to the main stack. */
    public static MPart show(String descriptorId, String key, Object data, EPartService parts, EModelService models,
            MApplication app) {
        MPart part = parts.createPart(descriptorId);
        part.getTransientData().put(key, data);
        MPartStack stack = (MPartStack) models.find(STACK_ID, app);
        if (stack != null) {
            stack.getChildren().add(part);
        }
        return parts.showPart(part, PartState.ACTIVATE);
    }
}

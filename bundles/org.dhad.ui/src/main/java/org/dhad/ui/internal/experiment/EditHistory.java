package org.dhad.ui.internal.experiment;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;

import org.dhad.model.ExperimentDocument;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EStructuralFeature;
import org.eclipse.emf.ecore.util.EcoreUtil;

/**
 * Undo and redo for one experiment editor, as snapshots of the document's EMF tree: each step keeps a deep
 * copy of {@link ExperimentDocument#root()} from before the edit. Consecutive edits of the same field (the
 * keystrokes of one text, the clicks of one spinner) make one step. Also knows whether the document differs
 * from the last save, so undoing back to the saved state is clean again. UI thread only.
 */
final class EditHistory {

    /** Snapshots kept; the oldest are dropped beyond this. */
    static final int LIMIT = 200;

    private final ExperimentDocument document;
    private final Deque<EObject> undo = new ArrayDeque<>();
    private final Deque<EObject> redo = new ArrayDeque<>();
    private String lastField;
    /** Steps from the opened state; -1 for saved when the saved state is no longer reachable. */
    private int position;
    private int saved;

    EditHistory(ExperimentDocument document) {
        this.document = document;
    }

    /** Records the state before an edit of {@code field}, unless it continues the previous edit of that field. */
    void beforeEdit(String field) {
        if (field.equals(lastField) && !undo.isEmpty()) {
            return;
        }
        undo.push(EcoreUtil.copy(document.root()));
        if (undo.size() > LIMIT) {
            undo.removeLast();
        }
        redo.clear();
        if (saved > position) {
            saved = -1; // the saved state was undone and is now replaced by this edit
        }
        position++;
        lastField = field;
    }

    boolean canUndo() {
        return !undo.isEmpty();
    }

    boolean canRedo() {
        return !redo.isEmpty();
    }

    /** Goes back one step; {@code false} when there is none. */
    boolean undo() {
        if (undo.isEmpty()) {
            return false;
        }
        redo.push(EcoreUtil.copy(document.root()));
        restore(undo.pop());
        position--;
        return true;
    }

    /** Re-applies the last undone step; {@code false} when there is none. */
    boolean redo() {
        if (redo.isEmpty()) {
            return false;
        }
        undo.push(EcoreUtil.copy(document.root()));
        restore(redo.pop());
        position++;
        return true;
    }

    /** The document was just saved: this state is clean, and the next edit starts a new step. */
    void markSaved() {
        saved = position;
        lastField = null;
    }

    /** Whether the document differs from the last save (or from the opened state before any save). */
    boolean isDirty() {
        return position != saved;
    }

    /** Makes the next edit a new step even when it is of the same field (e.g. after the form was rebuilt). */
    void endStep() {
        lastField = null;
    }

    /** Copies every feature of {@code snapshot} into the live root, which editors and the part keep. */
    private void restore(EObject snapshot) {
        EObject root = document.root();
        EObject copy = EcoreUtil.copy(snapshot);
        for (EStructuralFeature feature : root.eClass().getEAllStructuralFeatures()) {
            if (!feature.isChangeable() || feature.isDerived()) {
                continue;
            }
            if (!copy.eIsSet(feature)) {
                root.eUnset(feature);
            } else if (feature.isMany()) {
                // A new list: contained children move from the copy into the root while they are added.
                root.eSet(feature, new ArrayList<>((Collection<?>) copy.eGet(feature)));
            } else {
                root.eSet(feature, copy.eGet(feature));
            }
        }
        lastField = null;
    }
}

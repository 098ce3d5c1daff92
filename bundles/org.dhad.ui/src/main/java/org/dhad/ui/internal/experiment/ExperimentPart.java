package org.dhad.ui.internal.experiment;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.dhad.api.registry.PluginRegistry;
import org.dhad.engine.TrainingService;
import org.dhad.model.ExperimentDocument;
import org.dhad.model.ModelException;
import org.dhad.model.PluginSlot;
import org.dhad.ui.results.UserDialogs;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.ui.di.Focus;
import org.eclipse.e4.ui.di.Persist;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.custom.ScrolledComposite;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;

import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;

/**
 * The experiment editor: a form over one {@link ExperimentDocument} (held in the part's transient data
 * under {@link #DOCUMENT_KEY}) and, below it, the problems that stop it from running: first the
 * document's own, then, when there are none, the engine's checks against the installed providers (the
 * messages {@code dhad train} prints). Every edit is one undoable step (Edit &gt; Undo/Redo); the part is dirty
 * while the document differs from the last save; saving writes XMI.
 */
public final class ExperimentPart {

    /** The part descriptor in Application.e4xmi. */
    public static final String DESCRIPTOR_ID = "org.dhad.ui.partdescriptor.experiment";
    /** Transient-data key of the {@link ExperimentDocument} the part edits. */
    public static final String DOCUMENT_KEY = "org.dhad.ui.experiment.document";

    private final MPart part;
    private final PluginRegistry registry;
    private final UserDialogs dialogs;
    private TrainingService training;
    private ExperimentDocument document;
    private EditSession session;
    private ScrolledComposite scroller;
    private Composite form;
    private org.eclipse.swt.widgets.List problemList;
    private Label status;
    private List<String> problems = List.of();

    @Inject
    public ExperimentPart(MPart part, PluginRegistry registry, UserDialogs dialogs) {
        this.part = part;
        this.registry = registry;
        this.dialogs = dialogs;
    }

    /** The engine is optional: it is missing while libtorch loads or when it failed to load. */
    @Inject
    void setTraining(@Optional TrainingService training) {
        this.training = training;
        org.eclipse.swt.widgets.List list = problemList;
        if (list != null && !list.isDisposed()) {
            // Service events arrive on the thread that registered the service.
            list.getDisplay().asyncExec(() -> {
                if (!list.isDisposed()) {
                    validate();
                }
            });
        }
    }

    @PostConstruct
    void createControls(Composite parent) {
        document = (ExperimentDocument) part.getTransientData().get(DOCUMENT_KEY);
        if (document == null) {
            throw new IllegalStateException("Part " + part.getElementId() + " has no experiment under transient key "
                    + DOCUMENT_KEY);
        }
        session = new EditSession(document, registry, this::changed);
        GridLayoutFactory.fillDefaults().applyTo(parent);
        SashForm sash = new SashForm(parent, SWT.VERTICAL);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(sash);

        scroller = new ScrolledComposite(sash, SWT.V_SCROLL | SWT.H_SCROLL);
        scroller.setExpandHorizontal(true);
        scroller.setExpandVertical(true);
        form = new Composite(scroller, SWT.NONE);
        GridLayoutFactory.swtDefaults().numColumns(2).equalWidth(true).applyTo(form);
        fillForm();
        scroller.setContent(form);
        relayout();

        Composite bottom = new Composite(sash, SWT.NONE);
        GridLayoutFactory.fillDefaults().margins(4, 2).applyTo(bottom);
        status = new Label(bottom, SWT.NONE);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(status);
        problemList = new org.eclipse.swt.widgets.List(bottom, SWT.BORDER | SWT.V_SCROLL | SWT.H_SCROLL);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(problemList);
        sash.setWeights(84, 16);
        updateLabel();
        validate();
    }

    private void fillForm() {
        Composite left = column(form);
        GeneralSection.create(left, session);
        for (PluginSlot slot : PluginSlot.values()) {
            ProviderSection.create(left, slot, session, this::relayout);
        }
        Composite right = column(form);
        ScheduleSection.create(right, session);
        TermsSection.create(right, session);
    }

    /** Whether Edit > Undo has a step to take back. */
    public boolean canUndo() {
        return session.history().canUndo();
    }

    public boolean canRedo() {
        return session.history().canRedo();
    }

    /** Takes back the last edit (one field's change) and shows the document as it was. */
    public void undo() {
        if (session.history().undo()) {
            documentReplaced();
        }
    }

    /** Re-applies the last undone edit. */
    public void redo() {
        if (session.history().redo()) {
            documentReplaced();
        }
    }

    /** The document changed under the form: rebuild the form from it, keeping the scroll position. */
    private void documentReplaced() {
        org.eclipse.swt.graphics.Point origin = scroller.getOrigin();
        session.clearInputProblems();
        form.setRedraw(false);
        try {
            for (org.eclipse.swt.widgets.Control child : form.getChildren()) {
                child.dispose();
            }
            fillForm();
            relayout();
        } finally {
            form.setRedraw(true);
        }
        scroller.setOrigin(origin);
        part.setDirty(session.history().isDirty());
        updateLabel();
        validate();
    }

    @Focus
    void setFocus() {
        form.setFocus();
    }

    /** Writes the document as XMI to its file, asking for one when it has none; called by EPartService. */
    @Persist
    void save() {
        document.file().or(() -> ExperimentFiles.askSave(dialogs, document.getName())).ifPresent(this::saveAs);
    }

    /** Writes the document to {@code file} and clears the dirty mark; reports failures in a dialog. */
    public void saveAs(Path file) {
        try {
            document.save(file);
            session.history().markSaved();
            part.setDirty(false);
            updateLabel();
        } catch (ModelException e) {
            dialogs.showError("Save experiment", e.getMessage());
        }
    }

    public ExperimentDocument document() {
        return document;
    }

    /** What stops the experiment from running, as shown in the problems list; empty when it can run. */
    public List<String> problems() {
        return problems;
    }

    private void changed() {
        part.setDirty(session.history().isDirty());
        validate();
    }

    private void validate() {
        List<String> found = new ArrayList<>(session.inputProblems());
        found.addAll(document.validate());
        if (found.isEmpty()) {
            if (training == null) {
                found.add("engine: the training service is not available yet (libtorch may still be loading; see the log)");
            } else {
                try {
                    found.addAll(training.validate(document.toSpec()));
                } catch (ModelException e) {
                    found.addAll(e.problems());
                } catch (RuntimeException e) {
                    found.add("engine: validation failed: " + e);
                }
            }
        }
        problems = List.copyOf(found);
        problemList.setItems(problems.toArray(String[]::new));
        status.setText(problems.isEmpty() ? "No problems: ready to train"
                : problems.size() + (problems.size() == 1 ? " problem" : " problems") + " stop this experiment from running");
        status.setForeground(problems.isEmpty() ? null : status.getDisplay().getSystemColor(SWT.COLOR_DARK_RED));
    }

    private void updateLabel() {
        String name = document.getName().isEmpty() ? "unnamed" : document.getName();
        part.setLabel(document.file().map(f -> f.getFileName().toString()).orElse(name + " (unsaved)"));
        part.setTooltip(document.file().map(Path::toString).orElse("Not saved yet"));
    }

    private void relayout() {
        form.layout(true, true);
        scroller.setMinSize(form.computeSize(SWT.DEFAULT, SWT.DEFAULT));
    }

    private static Composite column(Composite parent) {
        Composite column = new Composite(parent, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(2).applyTo(column);
        GridDataFactory.fillDefaults().grab(true, false).align(SWT.FILL, SWT.BEGINNING).applyTo(column);
        return column;
    }
}

package org.dhad.ui.internal.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.dhad.api.registry.PluginRegistry;
import org.dhad.model.ExperimentDocument;
import org.dhad.model.ExperimentModel;
import org.dhad.model.PluginSlot;
import org.dhad.ui.results.UserDialogs;
import org.eclipse.e4.core.contexts.ContextInjectionFactory;
import org.eclipse.e4.core.contexts.EclipseContextFactory;
import org.eclipse.e4.core.contexts.IEclipseContext;
import org.eclipse.e4.ui.model.application.ui.basic.MBasicFactory;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Spinner;
import org.eclipse.swt.widgets.Text;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.FrameworkUtil;

/**
 * Undo and redo in the experiment editor on an X display: every form edit is one step (the keystrokes of one
 * text field together), undo and redo put the document and the rebuilt form back, and the part is dirty exactly
 * when the document differs from the saved file, also when undo crosses a save.
 */
class UndoRedoTest {

    private static final long TIMEOUT_MS = 120_000;

    private Display display;
    private Shell shell;
    private IEclipseContext context;
    private MPart model;
    private ExperimentPart editor;
    private Path file;

    @BeforeEach
    void open(@TempDir Path temp) throws Exception {
        display = UiTestSupport.display();
        ExperimentModel experiments = UiTestSupport.service(ExperimentModel.class, TIMEOUT_MS);
        UiTestSupport.service(PluginRegistry.class, TIMEOUT_MS);
        file = temp.resolve("undo.xmi");
        experiments.preset("demo").save(file);
        ExperimentDocument document = experiments.load(file);
        shell = new Shell(display);
        shell.setLayout(new FillLayout());
        shell.setSize(1200, 900);
        context = EclipseContextFactory.getServiceContext(FrameworkUtil.getBundle(getClass()).getBundleContext())
                .createChild("UndoRedoTest");
        model = MBasicFactory.INSTANCE.createPart();
        model.getTransientData().put(ExperimentPart.DOCUMENT_KEY, document);
        context.set(MPart.class, model);
        context.set(Composite.class, new Composite(shell, SWT.NONE));
        context.set(UserDialogs.class, new ScriptedDialogs());
        editor = ContextInjectionFactory.make(ExperimentPart.class, context);
        model.setObject(editor);
        shell.open();
        UiTestSupport.spin(display, 100);
    }

    @AfterEach
    void close() {
        if (context != null) {
            context.dispose();
        }
        if (shell != null) {
            shell.dispose();
        }
    }

    @Test
    void typingIntoOneFieldIsOneStepAndUndoRedoFollowTheForm() throws Exception {
        double rate = editor.document().getSchedule().learningRate();
        Text text = UiTestSupport.field(shell, Text.class, "schedule.learningRate");
        for (String typed : new String[] { "0.0", "0.00", "0.002" }) {
            text.setText(typed);
        }
        assertEquals(0.002, editor.document().getSchedule().learningRate(), "typed rate applied");
        assertTrue(model.isDirty(), "dirty after typing");
        assertFalse(new UndoHandler().canExecute(null), "Undo needs an active part");

        new UndoHandler().execute(model);
        assertEquals(rate, editor.document().getSchedule().learningRate(), "one undo takes back the whole typing");
        assertEquals(Double.toString(rate), UiTestSupport.field(shell, Text.class, "schedule.learningRate").getText(),
                "the rebuilt form shows the old rate");
        assertFalse(model.isDirty(), "back at the saved state: clean");
        assertFalse(editor.canUndo(), "nothing more to undo");

        new RedoHandler().execute(model);
        assertEquals(0.002, editor.document().getSchedule().learningRate(), "redo applies the typing again");
        assertEquals("0.002", UiTestSupport.field(shell, Text.class, "schedule.learningRate").getText(), "form after redo");
        assertTrue(model.isDirty(), "dirty after redo");
        assertFalse(new RedoHandler().canExecute(model), "nothing more to redo");
    }

    @Test
    void eachFieldIsItsOwnStepAndProviderSettingsComeBack() throws Exception {
        int epochs = editor.document().getSchedule().epochs();
        String trainCount = setting("train-count");
        int shownCount = UiTestSupport.field(shell, Spinner.class, "dataset.train-count").getSelection();
        set(UiTestSupport.field(shell, Spinner.class, "schedule.epochs"), epochs + 5);
        set(UiTestSupport.field(shell, Spinner.class, "dataset.train-count"), 7);
        assertEquals("7", setting("train-count"), "setting edited");

        editor.undo();
        assertEquals(trainCount, setting("train-count"), "first undo takes back the dataset setting only");
        assertEquals(epochs + 5, editor.document().getSchedule().epochs(), "the epochs edit stays");
        assertEquals(shownCount, UiTestSupport.field(shell, Spinner.class, "dataset.train-count").getSelection(),
                "the rebuilt setting spinner shows the old value");
        editor.undo();
        assertEquals(epochs, UiTestSupport.field(shell, Spinner.class, "schedule.epochs").getSelection(),
                "second undo takes back the epochs");

        editor.redo();
        set(UiTestSupport.field(shell, Text.class, "name"), "renamed");
        assertFalse(editor.canRedo(), "a new edit drops the undone steps");
        assertEquals("renamed", editor.document().getName(), "name edited after the redo");
        assertEquals(epochs + 5, editor.document().getSchedule().epochs(), "redone epochs kept");
    }

    @Test
    void dirtyFollowsTheSavedStateAcrossUndoAndRedo() throws Exception {
        int epochs = editor.document().getSchedule().epochs();
        set(UiTestSupport.field(shell, Spinner.class, "schedule.epochs"), epochs + 1);
        editor.saveAs(file);
        assertFalse(model.isDirty(), "saved");
        set(UiTestSupport.field(shell, Spinner.class, "schedule.epochs"), epochs + 2);
        assertTrue(model.isDirty(), "an edit of the same field after saving is a new step and dirty");
        editor.undo();
        assertFalse(model.isDirty(), "undo back to what was saved: clean");
        assertEquals(epochs + 1, editor.document().getSchedule().epochs(), "the saved value");
        editor.undo();
        assertTrue(model.isDirty(), "undo past the save: dirty");
        editor.redo();
        assertFalse(model.isDirty(), "redo to the save: clean");
        editor.undo();
        set(UiTestSupport.field(shell, Text.class, "description"), "another way");
        assertTrue(model.isDirty(), "the saved state cannot be reached any more");
        editor.undo();
        assertTrue(model.isDirty(), "undo leads to the opened state, which differs from the saved one");
    }

    @Test
    void pathFieldsHaveABrowseButtonAndTypingStillEdits() throws Exception {
        org.eclipse.swt.widgets.Button browse = UiTestSupport.field(shell, org.eclipse.swt.widgets.Button.class,
                "weights" + FormRows.BROWSE_SUFFIX);
        assertEquals("Browse...", browse.getText());
        assertEquals("Choose a file", browse.getToolTipText(), "weights are a file");
        set(UiTestSupport.field(shell, Text.class, "weights"), "/data/deeplabv3.safetensors");
        assertEquals("/data/deeplabv3.safetensors", editor.document().getWeights(), "typed path in the document");
        assertTrue(model.isDirty());
        editor.undo();
        assertEquals("", String.valueOf(editor.document().getWeights()).replace("null", ""), "undone");
    }

    private String setting(String key) {
        return editor.document().getPlugin(PluginSlot.DATASET).orElseThrow().settings().get(key);
    }

    private void set(Spinner spinner, int value) throws InterruptedException {
        spinner.setSelection(value);
        spinner.notifyListeners(SWT.Modify, new Event());
        UiTestSupport.spin(display, 20);
    }

    private void set(Text text, String value) throws InterruptedException {
        text.setText(value);
        UiTestSupport.spin(display, 20);
    }
}

package org.dhad.ui.internal.experiment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.dhad.api.registry.PluginRegistry;
import org.dhad.model.ExperimentDocument;

/**
 * What the sections of one experiment form share: the document they edit, the registry they list
 * providers from, and the text that could not be parsed (which never reaches the document, so
 * {@link ExperimentDocument#validate()} cannot report it). Every edit is recorded in the {@link EditHistory}
 * for undo and ends in the part's change callback.
 * Used on the UI thread only.
 */
final class EditSession {

    private final ExperimentDocument document;
    private final PluginRegistry registry;
    private final Runnable onChange;
    private final EditHistory history;
    private final Map<String, String> inputProblems = new LinkedHashMap<>();

    EditSession(ExperimentDocument document, PluginRegistry registry, Runnable onChange) {
        this.document = document;
        this.registry = registry;
        this.onChange = onChange;
        this.history = new EditHistory(document);
    }

    EditHistory history() {
        return history;
    }

    ExperimentDocument document() {
        return document;
    }

    PluginRegistry registry() {
        return registry;
    }

    /** Applies an edit of {@code field} to the document and reports the change. */
    void edit(String field, Runnable apply) {
        inputProblems.remove(field);
        history.beforeEdit(field);
        apply.run();
        onChange.run();
    }

    /** Parses decimal text for {@code field}; text that is not a number is reported instead of applied. */
    void editDecimal(String field, String text, Consumer<Double> apply) {
        try {
            double value = Double.parseDouble(text.trim());
            edit(field, () -> apply.accept(value));
        } catch (NumberFormatException e) {
            inputProblems.put(field, field + ": '" + text + "' is not a number; expected a decimal such as 0.001");
            onChange.run();
        }
    }

    /** Parses integer text for {@code field}; text that is not an integer is reported instead of applied. */
    void editLong(String field, String text, Consumer<Long> apply) {
        try {
            long value = Long.parseLong(text.trim());
            edit(field, () -> apply.accept(value));
        } catch (NumberFormatException e) {
            inputProblems.put(field, field + ": '" + text + "' is not an integer; expected digits such as 42");
            onChange.run();
        }
    }

    /** Forgets unparseable text, e.g. when undo rebuilds the form from the document. */
    void clearInputProblems() {
        inputProblems.clear();
    }

    /** Text typed into the form that could not be applied, one message per field. */
    List<String> inputProblems() {
        return new ArrayList<>(inputProblems.values());
    }
}

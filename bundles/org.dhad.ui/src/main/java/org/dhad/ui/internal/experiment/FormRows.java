package org.dhad.ui.internal.experiment;

import java.util.List;
import java.util.function.Consumer;

import org.dhad.api.SettingDescriptor;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Group;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Spinner;
import org.eclipse.swt.widgets.Text;

/**
 * Builds labelled input rows in a two-column grid (label, widget). Each widget carries its field path
 * as data under {@link #FIELD}, so tests and tools can find the widget of a field. Listeners are added
 * after the initial value is set, so building a form never counts as an edit.
 */
final class FormRows {

    /** Widget data key holding the field path, e.g. {@code schedule.epochs}. */
    static final String FIELD = "org.dhad.ui.field";

    private final Composite grid;

    FormRows(Composite grid) {
        this.grid = grid;
        GridLayoutFactory.swtDefaults().numColumns(2).applyTo(grid);
    }

    /** A titled group spanning the parent's two columns, with its own rows. */
    static FormRows group(Composite parent, String title) {
        Group group = new Group(parent, SWT.NONE);
        group.setText(title);
        GridDataFactory.fillDefaults().grab(true, false).span(2, 1).applyTo(group);
        return new FormRows(group);
    }

    Composite composite() {
        return grid;
    }

    Text text(String field, String label, String value, String tooltip, Consumer<String> onEdit) {
        label(label, tooltip);
        Text text = new Text(grid, SWT.BORDER);
        text.setText(value);
        place(text, field, tooltip);
        text.addModifyListener(e -> onEdit.accept(text.getText()));
        return text;
    }

    /**
     * A path typed or chosen with Browse... (a folder dialog, or a file dialog when {@code file}); the choice
     * goes into the text, so it is one edit like typing.
     */
    Text path(String field, String label, String value, String tooltip, boolean file, Consumer<String> onEdit) {
        label(label, tooltip);
        Composite row = new Composite(grid, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(2).applyTo(row);
        GridDataFactory.fillDefaults().grab(true, false).hint(160, SWT.DEFAULT).applyTo(row);
        Text text = new Text(row, SWT.BORDER);
        text.setText(value);
        text.setData(FIELD, field);
        text.setToolTipText(tooltip);
        GridDataFactory.fillDefaults().grab(true, false).hint(120, SWT.DEFAULT).applyTo(text);
        Button browse = new Button(row, SWT.PUSH);
        browse.setText("Browse...");
        browse.setData(FIELD, field + BROWSE_SUFFIX);
        browse.setToolTipText(file ? "Choose a file" : "Choose a folder");
        browse.addListener(SWT.Selection, e -> {
            String chosen = file ? fileDialog(text) : folderDialog(text);
            if (chosen != null) {
                text.setText(chosen);
            }
        });
        text.addModifyListener(e -> onEdit.accept(text.getText()));
        return text;
    }

    /** Suffix of the field data of a path row's Browse... button. */
    static final String BROWSE_SUFFIX = ".browse";

    private static String folderDialog(Text text) {
        org.eclipse.swt.widgets.DirectoryDialog dialog = new org.eclipse.swt.widgets.DirectoryDialog(text.getShell());
        dialog.setFilterPath(text.getText().isBlank() ? System.getProperty("user.home") : text.getText());
        return dialog.open();
    }

    private static String fileDialog(Text text) {
        org.eclipse.swt.widgets.FileDialog dialog = new org.eclipse.swt.widgets.FileDialog(text.getShell(), SWT.OPEN);
        if (!text.getText().isBlank()) {
            java.nio.file.Path current = java.nio.file.Path.of(text.getText()).toAbsolutePath();
            dialog.setFilterPath(String.valueOf(current.getParent()));
            dialog.setFileName(String.valueOf(current.getFileName()));
        }
        return dialog.open();
    }

    Spinner spinner(String field, String label, int value, int min, int max, String tooltip, Consumer<Integer> onEdit) {
        label(label, tooltip);
        Spinner spinner = new Spinner(grid, SWT.BORDER);
        spinner.setValues(Math.max(min, Math.min(max, value)), min, max, 0, 1, 10);
        place(spinner, field, tooltip);
        spinner.addModifyListener(e -> onEdit.accept(spinner.getSelection()));
        return spinner;
    }

    Combo combo(String field, String label, List<String> items, String value, String tooltip,
            Consumer<String> onEdit) {
        label(label, tooltip);
        Combo combo = new Combo(grid, SWT.READ_ONLY | SWT.DROP_DOWN);
        combo.setItems(items.toArray(String[]::new));
        int index = items.indexOf(value);
        if (index < 0 && value != null && !value.isEmpty()) {
            // An id the document names but nothing installs: keep it visible so its problem makes sense.
            combo.add(value);
            index = combo.getItemCount() - 1;
        }
        combo.select(index);
        place(combo, field, tooltip);
        combo.addModifyListener(e -> onEdit.accept(combo.getText()));
        return combo;
    }

    Button check(String field, String label, boolean value, String tooltip, Consumer<Boolean> onEdit) {
        new Label(grid, SWT.NONE);
        Button check = new Button(grid, SWT.CHECK);
        check.setText(label);
        check.setSelection(value);
        place(check, field, tooltip);
        check.addListener(SWT.Selection, e -> onEdit.accept(check.getSelection()));
        return check;
    }

    /** Path settings are folders (dataset and negative roots) unless they say they are a file. */
    private static boolean namesAFile(SettingDescriptor d) {
        String words = (d.key() + " " + d.label()).toLowerCase(java.util.Locale.ROOT);
        return words.contains("file");
    }

    /**
     * A row for one described setting, the widget chosen by its type: check box, combo, spinner (integers
     * that fit one), path with Browse..., or text. {@code onEdit} gets the new value as text.
     */
    Control setting(String field, SettingDescriptor d, String given, Consumer<String> onEdit) {
        String value = given != null ? given : d.defaultValue() == null ? "" : d.defaultValue();
        String label = d.label() == null || d.label().isBlank() ? d.key() : d.label();
        String tooltip = (d.description() == null ? "" : d.description() + "\n") + d.key() + ": " + d.expected()
                + (d.required() ? " (required)" : "; default " + d.defaultValue());
        return switch (d.type()) {
            case BOOLEAN -> check(field, label, Boolean.parseBoolean(value), tooltip,
                    v -> onEdit.accept(Boolean.toString(v)));
            case CHOICE -> combo(field, label, d.choices(), value, tooltip, onEdit);
            case INTEGER -> {
                Integer number = parseInt(value);
                if (number != null && fitsInt(d.min()) && fitsInt(d.max())) {
                    yield spinner(field, label, number, bound(d.min(), Integer.MIN_VALUE),
                            bound(d.max(), Integer.MAX_VALUE), tooltip, v -> onEdit.accept(Integer.toString(v)));
                }
                yield text(field, label, value, tooltip, onEdit);
            }
            case PATH -> path(field, label, value, tooltip, namesAFile(d), onEdit);
            default -> text(field, label, value, tooltip, onEdit);
        };
    }

    private static Integer parseInt(String text) {
        try {
            return Integer.valueOf(text.trim());
        } catch (NumberFormatException e) {
            return null; // shown as text so the user sees (and can fix) what the file says
        }
    }

    private static boolean fitsInt(Double bound) {
        return bound == null || (bound >= Integer.MIN_VALUE && bound <= Integer.MAX_VALUE);
    }

    private static int bound(Double bound, int otherwise) {
        return bound == null ? otherwise : bound.intValue();
    }

    private void label(String text, String tooltip) {
        Label label = new Label(grid, SWT.NONE);
        label.setText(text);
        label.setToolTipText(tooltip);
        GridDataFactory.swtDefaults().align(SWT.BEGINNING, SWT.CENTER).applyTo(label);
    }

    private static void place(org.eclipse.swt.widgets.Control control, String field, String tooltip) {
        control.setData(FIELD, field);
        control.setToolTipText(tooltip);
        GridDataFactory.fillDefaults().grab(true, false).hint(160, SWT.DEFAULT).applyTo(control);
    }
}

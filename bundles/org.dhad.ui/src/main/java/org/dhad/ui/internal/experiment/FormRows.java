package org.dhad.ui.internal.experiment;

import java.util.List;
import java.util.function.Consumer;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
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

package org.dhad.ui.internal.experiment;

import java.util.List;

import org.dhad.model.PresetInfo;
import org.eclipse.jface.dialogs.Dialog;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;

/** Asks which preset a new experiment starts from: the preset names, with the chosen one's description. */
final class PresetDialog extends Dialog {

    private final List<PresetInfo> presets;
    private PresetInfo chosen;

    PresetDialog(Shell parent, List<PresetInfo> presets) {
        super(parent);
        this.presets = presets;
    }

    /** The preset chosen when the dialog closed with OK. */
    PresetInfo chosen() {
        return chosen;
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText("New experiment");
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite area = (Composite) super.createDialogArea(parent);
        GridLayoutFactory.swtDefaults().applyTo(area);
        new Label(area, SWT.NONE).setText("Start from the preset:");
        org.eclipse.swt.widgets.List list = new org.eclipse.swt.widgets.List(area, SWT.BORDER | SWT.SINGLE | SWT.V_SCROLL);
        presets.forEach(p -> list.add(p.name()));
        GridDataFactory.fillDefaults().grab(true, true).hint(420, 140).applyTo(list);
        Label description = new Label(area, SWT.WRAP);
        GridDataFactory.fillDefaults().grab(true, false).hint(420, 60).applyTo(description);
        list.addListener(SWT.Selection, e -> {
            chosen = list.getSelectionIndex() < 0 ? null : presets.get(list.getSelectionIndex());
            description.setText(chosen == null ? "" : chosen.description());
            getButton(IDialogConstants.OK_ID).setEnabled(chosen != null);
        });
        list.addListener(SWT.DefaultSelection, e -> okPressed());
        if (!presets.isEmpty()) {
            int demo = Math.max(0, presets.stream().map(PresetInfo::name).toList().indexOf("demo"));
            list.select(demo);
            chosen = presets.get(demo);
            description.setText(chosen.description());
        }
        return area;
    }
}

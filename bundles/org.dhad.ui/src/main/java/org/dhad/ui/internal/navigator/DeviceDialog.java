package org.dhad.ui.internal.navigator;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;

import org.dhad.experiment.ComputeDevice;
import org.dhad.ui.internal.run.RunLauncher;
import org.dhad.ui.results.UserDialogs;
import org.eclipse.jface.dialogs.Dialog;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.window.Window;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;

/**
 * Asks on which device a job on a run goes (the navigator's "... On Device..." entries): a list of the devices
 * libtorch sees, the run's own device named in it, or named below it when this machine does not have it.
 */
final class DeviceDialog extends Dialog {

    /** Marks the run's own device in the list. */
    private static final String OWN = " (the run's device)";

    private final String title;
    private final String question;
    private final List<ComputeDevice> devices;
    private final Optional<ComputeDevice> own;
    private ComputeDevice chosen;

    private DeviceDialog(Shell parent, String title, String question, List<ComputeDevice> devices,
            Optional<ComputeDevice> own) {
        super(parent);
        this.title = title;
        this.question = question;
        this.devices = List.copyOf(devices);
        this.own = own;
    }

    /**
     * Asks on which device {@code action} runs on the selected run, among those the launcher offers, and starts
     * {@code job} there; shows the problems that stop it. Nothing happens when the user cancels.
     *
     * @param action the verb of the job, as its menu entry starts ({@code Evaluate})
     */
    static void start(NavigatorSelection selection, Shell shell, String action, RunLauncher launcher,
            BiFunction<Path, ComputeDevice, List<String>> job, UserDialogs dialogs) {
        selection.singleRun().ifPresent(run -> {
            DeviceDialog dialog = new DeviceDialog(shell, action + " On Device",
                    action + " " + RunLauncher.label(run) + " on:", launcher.devices(), RunLauncher.runDevice(run));
            if (dialog.open() != Window.OK || dialog.chosen == null) {
                return;
            }
            List<String> problems = job.apply(run, dialog.chosen);
            if (!problems.isEmpty()) {
                dialogs.showError(action + " On Device", String.join("\n", problems));
            }
        });
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText(title);
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite area = (Composite) super.createDialogArea(parent);
        GridLayoutFactory.swtDefaults().applyTo(area);
        new Label(area, SWT.NONE).setText(question);
        Combo combo = new Combo(area, SWT.READ_ONLY | SWT.DROP_DOWN);
        devices.forEach(d -> combo.add(d + (own.filter(d::equals).isPresent() ? OWN : "")));
        GridDataFactory.fillDefaults().grab(true, false).hint(380, SWT.DEFAULT).applyTo(combo);
        Label note = new Label(area, SWT.WRAP);
        note.setText(own.map(this::note).orElse("The run's experiment.json cannot be read; the job will say why."));
        GridDataFactory.fillDefaults().grab(true, false).hint(380, SWT.DEFAULT).applyTo(note);
        combo.addListener(SWT.Selection, e -> chosen = devices.get(combo.getSelectionIndex()));
        int initial = Math.max(0, own.map(devices::indexOf).orElse(0));
        combo.select(initial);
        chosen = devices.isEmpty() ? null : devices.get(initial);
        return area;
    }

    private String note(ComputeDevice device) {
        if (device.auto()) {
            return "The run's experiment says auto: the first GPU libtorch sees, else the CPU.";
        }
        return devices.contains(device) ? "The run's experiment says " + device + "."
                : "The run's experiment says " + device + ", which libtorch here does not see. The run folder "
                        + "keeps its experiment: the device chosen is for this job.";
    }
}

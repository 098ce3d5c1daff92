package org.dhad.ui.internal;

import java.nio.file.Path;
import java.util.List;

import org.dhad.api.PluginException;
import org.dhad.api.registry.InstalledPlugin;
import org.dhad.api.registry.PluginInstaller;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.DirectoryDialog;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.MessageBox;

/**
 * Install and remove third-party plugins from the Plugins view, through the same {@link PluginInstaller}
 * as {@code dhad plugins install|remove}: installed plugins take effect at once and persist across
 * restarts; a bundle that does not resolve is refused with its missing requirement.
 */
final class PluginInstallBar {

    private final PluginInstaller installer;
    private final Combo installed;
    private final Label message;

    PluginInstallBar(Composite parent, PluginInstaller installer) {
        this.installer = installer;
        Composite bar = new Composite(parent, SWT.NONE);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(bar);
        GridLayoutFactory.fillDefaults().numColumns(5).margins(4, 4).applyTo(bar);
        button(bar, "Install plugin…", this::chooseJar);
        button(bar, "Install from repository…", this::chooseRepository);
        installed = new Combo(bar, SWT.READ_ONLY);
        GridDataFactory.fillDefaults().hint(220, SWT.DEFAULT).applyTo(installed);
        button(bar, "Remove", () -> {
            if (installed.getSelectionIndex() >= 0) {
                remove(installed.getItem(installed.getSelectionIndex()));
            }
        });
        message = new Label(bar, SWT.NONE);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(message);
        refreshInstalled();
    }

    /** Installs a jar or repository folder; returns the message shown, which names what went wrong. */
    String install(Path source) {
        try {
            List<InstalledPlugin> plugins = installer.install(source);
            return show("Installed " + String.join(", ", plugins.stream().map(p -> p.symbolicName() + " "
                    + p.version()).toList()), false);
        } catch (PluginException e) {
            return show(e.getMessage(), true);
        } finally {
            refreshInstalled();
        }
    }

    /** Removes an installed plugin by bundle symbolic name; returns the message shown. */
    String remove(String symbolicName) {
        try {
            InstalledPlugin removed = installer.remove(symbolicName);
            return show("Removed " + removed.symbolicName() + " " + removed.version(), false);
        } catch (PluginException e) {
            return show(e.getMessage(), true);
        } finally {
            refreshInstalled();
        }
    }

    private void chooseJar() {
        FileDialog dialog = new FileDialog(installed.getShell(), SWT.OPEN);
        dialog.setText("Install plugin bundle");
        dialog.setFilterExtensions(new String[] {"*.jar"});
        String file = dialog.open();
        if (file != null) {
            install(Path.of(file));
        }
    }

    private void chooseRepository() {
        DirectoryDialog dialog = new DirectoryDialog(installed.getShell());
        dialog.setText("Install from a local p2 repository or folder of bundles");
        String folder = dialog.open();
        if (folder != null) {
            install(Path.of(folder));
        }
    }

    private String show(String text, boolean error) {
        message.setText(text.lines().findFirst().orElse(text));
        message.getParent().layout(true);
        if (error && !Boolean.getBoolean("dhad.ui.noDialogs")) {
            MessageBox box = new MessageBox(installed.getShell(), SWT.ICON_ERROR | SWT.OK);
            box.setText("Plugin not installed");
            box.setMessage(text);
            box.open();
        }
        return text;
    }

    private void refreshInstalled() {
        installed.setItems(installer.installed().stream().map(InstalledPlugin::symbolicName).toArray(String[]::new));
        if (installed.getItemCount() > 0) {
            installed.select(0);
        }
    }

    private static void button(Composite parent, String text, Runnable action) {
        Button button = new Button(parent, SWT.PUSH);
        button.setText(text);
        button.addListener(SWT.Selection, e -> action.run());
    }
}

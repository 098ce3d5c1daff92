package org.dhad.ui.internal;

import java.nio.file.Path;
import java.util.List;

import org.dhad.api.PluginException;
import org.dhad.api.registry.InstalledPlugin;
import org.dhad.api.registry.PluginInstaller;
import org.dhad.ui.results.UserDialogs;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;

/**
 * Install and remove third-party plugins from the Plugins view, through the same {@link PluginInstaller}
 * as {@code dhad plugins install|remove}: installed plugins take effect at once and persist across
 * restarts; a bundle that does not resolve is refused with its missing requirement.
 */
final class PluginInstallBar {

    private final PluginInstaller installer;
    private final UserDialogs dialogs;
    private final Combo installed;
    private final Label message;

    PluginInstallBar(Composite parent, PluginInstaller installer, UserDialogs dialogs) {
        this.installer = installer;
        this.dialogs = dialogs;
        Composite bar = new Composite(parent, SWT.NONE);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(bar);
        GridLayoutFactory.fillDefaults().numColumns(5).margins(4, 4).applyTo(bar);
        button(bar, "Install plugin…", () -> dialogs.chooseFileToOpen("Install plugin bundle", null, "*.jar")
                .ifPresent(this::install));
        button(bar, "Install from repository…", () -> dialogs.chooseFolder(
                "Install from a local p2 repository or folder of bundles", null).ifPresent(this::install));
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

    private String show(String text, boolean error) {
        message.setText(text.lines().findFirst().orElse(text));
        message.getParent().layout(true);
        if (error) {
            dialogs.showError("Plugin not installed", text);
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

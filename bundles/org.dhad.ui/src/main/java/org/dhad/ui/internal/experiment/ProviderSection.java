package org.dhad.ui.internal.experiment;

import java.util.List;
import java.util.Map;

import org.dhad.api.PluginException;
import org.dhad.api.Provider;
import org.dhad.api.ProviderKind;
import org.dhad.api.SettingDescriptor;
import org.dhad.api.backbone.Backbone;
import org.dhad.api.data.AnomalyDataset;
import org.dhad.api.data.NegativeSource;
import org.dhad.api.registry.PluginDescriptor;
import org.dhad.engine.PluginChoice;
import org.dhad.model.PluginSlot;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;

/**
 * One provider slot (backbone, dataset or negatives): a combo of the installed providers of that kind
 * and, below it, a settings form generated from the chosen provider's {@link SettingDescriptor}s.
 * Choosing another provider replaces the slot with that provider's defaults.
 */
final class ProviderSection {

    private final PluginSlot slot;
    private final EditSession session;
    private final Runnable relayout;
    private final Composite settings;

    private ProviderSection(Composite parent, PluginSlot slot, EditSession session, Runnable relayout) {
        this.slot = slot;
        this.session = session;
        this.relayout = relayout;
        ProviderKind kind = kind(slot);
        FormRows rows = FormRows.group(parent, title(slot));
        List<String> ids = session.registry().list(kind).stream().map(PluginDescriptor::id).distinct().toList();
        String current = session.document().getPlugin(slot).map(PluginChoice::id).orElse("");
        rows.combo(slot.field() + ".id", "Provider", ids, current,
                "The installed " + kind.label() + " providers (see the Plugins part)", this::choose);
        settings = new Composite(rows.composite(), SWT.NONE);
        GridDataFactory.fillDefaults().grab(true, false).span(2, 1).applyTo(settings);
        fillSettings();
    }

    static void create(Composite parent, PluginSlot slot, EditSession session, Runnable relayout) {
        new ProviderSection(parent, slot, session, relayout);
    }

    static ProviderKind kind(PluginSlot slot) {
        return switch (slot) {
            case BACKBONE -> ProviderKind.BACKBONE;
            case DATASET -> ProviderKind.ANOMALY_DATASET;
            case NEGATIVES -> ProviderKind.NEGATIVE_SOURCE;
        };
    }

    /** The interface the slot's providers are registered under (its kind's {@link ProviderKind#serviceName()}). */
    private static Class<? extends Provider> serviceType(PluginSlot slot) {
        return switch (slot) {
            case BACKBONE -> Backbone.class;
            case DATASET -> AnomalyDataset.class;
            case NEGATIVES -> NegativeSource.class;
        };
    }

    private static String title(PluginSlot slot) {
        return switch (slot) {
            case BACKBONE -> "Backbone";
            case DATASET -> "Dataset";
            case NEGATIVES -> "Negatives";
        };
    }

    private void choose(String id) {
        session.edit(slot.field() + ".id", () -> session.document().setPlugin(slot, PluginChoice.of(id)));
        fillSettings();
        relayout.run();
    }

    private void fillSettings() {
        for (Control child : settings.getChildren()) {
            child.dispose();
        }
        FormRows rows = new FormRows(settings);
        PluginChoice choice = session.document().getPlugin(slot).orElse(null);
        if (choice == null || choice.id().isEmpty()) {
            note(rows, "Choose a provider to see its settings.");
            return;
        }
        List<SettingDescriptor> descriptors;
        try {
            Provider provider = session.registry().get(serviceType(slot), choice.id());
            descriptors = provider.settings();
        } catch (PluginException | RuntimeException e) {
            // A missing or failing provider is shown in the form; validation names it too.
            note(rows, "No settings: " + e.getMessage());
            return;
        }
        if (descriptors.isEmpty()) {
            note(rows, "'" + choice.id() + "' has no settings.");
        }
        Map<String, String> values = choice.settings();
        descriptors.forEach(d -> setting(rows, d, values.get(d.key())));
    }

    /** Path settings are folders (dataset and negative roots) unless they say they are a file. */
    private static boolean namesAFile(SettingDescriptor d) {
        String words = (d.key() + " " + d.label()).toLowerCase(java.util.Locale.ROOT);
        return words.contains("file");
    }

    private void setting(FormRows rows, SettingDescriptor d, String given) {
        String field = slot.field() + "." + d.key();
        String value = given != null ? given : d.defaultValue() == null ? "" : d.defaultValue();
        String label = d.label() == null || d.label().isBlank() ? d.key() : d.label();
        String tooltip = (d.description() == null ? "" : d.description() + "\n") + d.key() + ": " + d.expected()
                + (d.required() ? " (required)" : "; default " + d.defaultValue());
        switch (d.type()) {
            case BOOLEAN -> rows.check(field, label, Boolean.parseBoolean(value), tooltip,
                    v -> set(field, d.key(), Boolean.toString(v)));
            case CHOICE -> rows.combo(field, label, d.choices(), value, tooltip, v -> set(field, d.key(), v));
            case INTEGER -> {
                Integer number = parseInt(value);
                if (number != null && fitsInt(d.min()) && fitsInt(d.max())) {
                    rows.spinner(field, label, number, bound(d.min(), Integer.MIN_VALUE),
                            bound(d.max(), Integer.MAX_VALUE), tooltip, v -> set(field, d.key(), Integer.toString(v)));
                } else {
                    rows.text(field, label, value, tooltip, v -> set(field, d.key(), v));
                }
            }
            case PATH -> rows.path(field, label, value, tooltip, namesAFile(d),
                    v -> set(field, d.key(), v));
            default -> rows.text(field, label, value, tooltip, v -> set(field, d.key(), v));
        }
    }

    private void set(String field, String key, String value) {
        session.edit(field, () -> session.document().setSetting(slot, key, value));
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

    private static void note(FormRows rows, String text) {
        Label label = new Label(rows.composite(), SWT.WRAP);
        label.setText(text);
        GridDataFactory.fillDefaults().span(2, 1).applyTo(label);
    }
}

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
import org.dhad.experiment.PluginChoice;
import org.dhad.model.PluginSlot;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;

/**
 * One provider slot (backbone, dataset, negatives or the optional segmentation source): a combo of the installed providers of that kind
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
        List<String> ids = session.registry().list(kind).stream().map(PluginDescriptor::id).distinct()
                .filter(this::offered).toList();
        String current = session.document().getPlugin(slot).map(PluginChoice::id).orElse("");
        if (slot.optional()) {
            ids = java.util.stream.Stream.concat(java.util.stream.Stream.of(NONE), ids.stream()).toList();
            current = current.isEmpty() ? NONE : current;
        }
        rows.combo(slot.field() + ".id", "Provider", ids, current,
                "The installed " + kind.label() + " providers (see the Plugins part)", this::choose);
        settings = new Composite(rows.composite(), SWT.NONE);
        GridDataFactory.fillDefaults().grab(true, false).span(2, 1).applyTo(settings);
        fillSettings();
    }

    /** The choice that leaves an optional slot without a provider. */
    static final String NONE = "(none)";

    /** Whether a provider fits the slot: the segmentation slot takes negative sources with class labels. */
    private boolean offered(String id) {
        if (slot != PluginSlot.SEGMENTATION) {
            return true;
        }
        try {
            return session.registry().get(NegativeSource.class, id).providesClassLabels();
        } catch (PluginException | RuntimeException e) {
            return false;
        }
    }

    static void create(Composite parent, PluginSlot slot, EditSession session, Runnable relayout) {
        new ProviderSection(parent, slot, session, relayout);
    }

    static ProviderKind kind(PluginSlot slot) {
        return switch (slot) {
            case BACKBONE -> ProviderKind.BACKBONE;
            case DATASET -> ProviderKind.ANOMALY_DATASET;
            case NEGATIVES, SEGMENTATION -> ProviderKind.NEGATIVE_SOURCE;
        };
    }

    /** The interface the slot's providers are registered under (its kind's {@link ProviderKind#serviceName()}). */
    private static Class<? extends Provider> serviceType(PluginSlot slot) {
        return switch (slot) {
            case BACKBONE -> Backbone.class;
            case DATASET -> AnomalyDataset.class;
            case NEGATIVES, SEGMENTATION -> NegativeSource.class;
        };
    }

    private static String title(PluginSlot slot) {
        return switch (slot) {
            case BACKBONE -> "Backbone";
            case DATASET -> "Dataset";
            case NEGATIVES -> "Negatives";
            case SEGMENTATION -> "Segmentation source (mixed training)";
        };
    }

    private void choose(String id) {
        session.edit(slot.field() + ".id", () -> session.document().setPlugin(slot,
                NONE.equals(id) ? null : PluginChoice.of(id)));
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
            note(rows, slot.optional() ? "None: training uses the anomaly dataset alone. Choose a source of "
                    + "labelled images to mix its batches in (loss term segmentation-ce, schedule.segmentationEvery)."
                    : "Choose a provider to see its settings.");
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

    private void setting(FormRows rows, SettingDescriptor d, String given) {
        String field = slot.field() + "." + d.key();
        rows.setting(field, d, given, v -> set(field, d.key(), v));
    }

    private void set(String field, String key, String value) {
        session.edit(field, () -> session.document().setSetting(slot, key, value));
    }

    private static void note(FormRows rows, String text) {
        Label label = new Label(rows.composite(), SWT.WRAP);
        label.setText(text);
        GridDataFactory.fillDefaults().span(2, 1).applyTo(label);
    }
}

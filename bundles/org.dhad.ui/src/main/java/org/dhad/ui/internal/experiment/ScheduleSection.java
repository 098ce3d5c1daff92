package org.dhad.ui.internal.experiment;

import java.util.function.BiConsumer;
import java.util.function.Function;

import org.dhad.api.SettingDescriptor;
import org.dhad.experiment.ExperimentSection;
import org.dhad.experiment.PasteSpec;
import org.dhad.experiment.Schedule;
import org.dhad.model.ExperimentDocument;
import org.eclipse.swt.widgets.Composite;

/**
 * The schedule and paste groups, one row per field of {@link Schedule#FIELDS} and {@link PasteSpec#FIELDS}
 * (the same rows as a provider's settings), so a field added there appears here. Values the fields refuse are
 * reported by {@link ExperimentDocument#validate()} with their field path, as in the CLI.
 */
final class ScheduleSection {

    private ScheduleSection() {
    }

    static void create(Composite parent, EditSession session) {
        section(parent, session, "Schedule", ExperimentDocument::getSchedule, ExperimentDocument::setSchedule);
        section(parent, session, "Pasting negatives", ExperimentDocument::getPaste, ExperimentDocument::setPaste);
    }

    private static <S extends ExperimentSection<S>> void section(Composite parent, EditSession session, String title,
            Function<ExperimentDocument, S> get, BiConsumer<ExperimentDocument, S> set) {
        FormRows rows = FormRows.group(parent, title);
        S current = get.apply(session.document());
        for (SettingDescriptor field : current.fields()) {
            String path = current.sectionName() + "." + field.key();
            rows.setting(path, field, current.values().get(field.key()), value -> session.edit(path, () -> {
                ExperimentDocument doc = session.document();
                set.accept(doc, get.apply(doc).with(field.key(), value));
            }));
        }
    }
}

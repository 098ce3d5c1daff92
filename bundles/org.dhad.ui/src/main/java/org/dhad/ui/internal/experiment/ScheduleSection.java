package org.dhad.ui.internal.experiment;

import java.util.function.UnaryOperator;

import org.dhad.engine.PasteMode;
import org.dhad.engine.PasteSpec;
import org.dhad.engine.Schedule;
import org.dhad.model.ExperimentDocument;
import org.eclipse.swt.widgets.Composite;

/**
 * The schedule and paste groups. Integer fields are spinners that allow 0 so that out-of-range values
 * reach {@link ExperimentDocument#validate()} and are reported with their field path like in the CLI.
 */
final class ScheduleSection {

    private static final int MAX = 1_000_000;

    private ScheduleSection() {
    }

    static void create(Composite parent, EditSession session) {
        ExperimentDocument doc = session.document();
        Schedule s = doc.getSchedule();
        FormRows rows = FormRows.group(parent, "Schedule");
        rows.spinner("schedule.epochs", "Epochs", s.epochs(), 0, MAX, "Passes over the training images (paper: 40)",
                v -> schedule(session, "schedule.epochs", x -> new Schedule(v, x.batchSize(), x.inputSize(),
                        x.learningRate(), x.backboneLrFactor(), x.minLearningRate(), x.loaderThreads())));
        rows.spinner("schedule.batchSize", "Batch size", s.batchSize(), 0, MAX, "Images per step",
                v -> schedule(session, "schedule.batchSize", x -> new Schedule(x.epochs(), v, x.inputSize(),
                        x.learningRate(), x.backboneLrFactor(), x.minLearningRate(), x.loaderThreads())));
        rows.spinner("schedule.inputSize", "Input size", s.inputSize(), 0, MAX,
                "Images are resized to this many pixels square",
                v -> schedule(session, "schedule.inputSize", x -> new Schedule(x.epochs(), x.batchSize(), v,
                        x.learningRate(), x.backboneLrFactor(), x.minLearningRate(), x.loaderThreads())));
        rows.text("schedule.learningRate", "Learning rate", Double.toString(s.learningRate()),
                "Initial learning rate of the heads and context module (Adam, cosine decay)",
                t -> session.editDecimal("schedule.learningRate", t, v -> setSchedule(doc, x -> new Schedule(
                        x.epochs(), x.batchSize(), x.inputSize(), v, x.backboneLrFactor(), x.minLearningRate(),
                        x.loaderThreads()))));
        rows.text("schedule.backboneLrFactor", "Backbone LR factor", Double.toString(s.backboneLrFactor()),
                "The backbone learns at learning rate x this factor",
                t -> session.editDecimal("schedule.backboneLrFactor", t, v -> setSchedule(doc, x -> new Schedule(
                        x.epochs(), x.batchSize(), x.inputSize(), x.learningRate(), v, x.minLearningRate(),
                        x.loaderThreads()))));
        rows.text("schedule.minLearningRate", "Final learning rate", Double.toString(s.minLearningRate()),
                "Learning rate at the end of the cosine schedule",
                t -> session.editDecimal("schedule.minLearningRate", t, v -> setSchedule(doc, x -> new Schedule(
                        x.epochs(), x.batchSize(), x.inputSize(), x.learningRate(), x.backboneLrFactor(), v,
                        x.loaderThreads()))));
        rows.spinner("schedule.loaderThreads", "Loader threads", s.loaderThreads(), 0, 256,
                "Background threads that decode, resize and paste",
                v -> schedule(session, "schedule.loaderThreads", x -> new Schedule(x.epochs(), x.batchSize(),
                        x.inputSize(), x.learningRate(), x.backboneLrFactor(), x.minLearningRate(), v)));
        paste(parent, session);
    }

    private static void paste(Composite parent, EditSession session) {
        ExperimentDocument doc = session.document();
        PasteSpec p = doc.getPaste();
        FormRows rows = FormRows.group(parent, "Pasting negatives");
        rows.combo("paste.mode", "Mode", GeneralSection.names(PasteMode.values()), p.mode().name(),
                "MASK pastes only the shape's pixels (the paper); RECTANGLE the whole box (original DenseHybrid)",
                v -> session.edit("paste.mode", () -> setPaste(doc, x -> new PasteSpec(PasteMode.valueOf(v),
                        x.count(), x.probability(), x.minScale(), x.maxScale(), x.rectangleStep()))));
        rows.spinner("paste.count", "Count", p.count(), 0, 1000, "Negatives pasted per image",
                v -> session.edit("paste.count", () -> setPaste(doc, x -> new PasteSpec(x.mode(), v,
                        x.probability(), x.minScale(), x.maxScale(), x.rectangleStep()))));
        rows.text("paste.probability", "Probability", Double.toString(p.probability()),
                "Chance that an image gets any negative", t -> session.editDecimal("paste.probability", t,
                        v -> setPaste(doc, x -> new PasteSpec(x.mode(), x.count(), v, x.minScale(), x.maxScale(),
                                x.rectangleStep()))));
        rows.text("paste.minScale", "Smallest side", Double.toString(p.minScale()),
                "Smallest pasted side as a fraction of sqrt(image area)", t -> session.editDecimal("paste.minScale",
                        t, v -> setPaste(doc, x -> new PasteSpec(x.mode(), x.count(), x.probability(), v,
                                x.maxScale(), x.rectangleStep()))));
        rows.text("paste.maxScale", "Largest side", Double.toString(p.maxScale()),
                "Largest pasted side as a fraction of sqrt(image area)", t -> session.editDecimal("paste.maxScale",
                        t, v -> setPaste(doc, x -> new PasteSpec(x.mode(), x.count(), x.probability(),
                                x.minScale(), v, x.rectangleStep()))));
        rows.spinner("paste.rectangleStep", "Rectangle step", p.rectangleStep(), 0, 4096,
                "Rectangle sides are drawn in steps of this many pixels",
                v -> session.edit("paste.rectangleStep", () -> setPaste(doc, x -> new PasteSpec(x.mode(),
                        x.count(), x.probability(), x.minScale(), x.maxScale(), v))));
    }

    private static void schedule(EditSession session, String field, UnaryOperator<Schedule> change) {
        session.edit(field, () -> setSchedule(session.document(), change));
    }

    private static void setSchedule(ExperimentDocument doc, UnaryOperator<Schedule> change) {
        doc.setSchedule(change.apply(doc.getSchedule()));
    }

    private static void setPaste(ExperimentDocument doc, UnaryOperator<PasteSpec> change) {
        doc.setPaste(change.apply(doc.getPaste()));
    }
}

package org.dhad.experiment;

import java.util.List;
import java.util.Map;

import org.dhad.api.SettingDescriptor;

/**
 * How simulated outliers are pasted onto each training image. {@link #FIELDS} is the only definition of the
 * paste fields (see {@link ExperimentSection}); the accessors are for the engine.
 */
public final class PasteSpec extends ExperimentSection<PasteSpec> {

    public static final String MODE = "mode";
    public static final String COUNT = "count";
    public static final String PROBABILITY = "probability";
    public static final String MIN_SCALE = "minScale";
    public static final String MAX_SCALE = "maxScale";
    public static final String RECTANGLE_STEP = "rectangleStep";

    /** The paste fields: key, label, default, range and description. */
    public static final List<SettingDescriptor> FIELDS = List.of(
            SettingDescriptor.choice(MODE, "Mode", PasteMode.MASK.name(), names(PasteMode.class),
                    "MASK pastes only the shape's pixels (the paper); RECTANGLE the whole box (original DenseHybrid)"),
            SettingDescriptor.integer(COUNT, "Count", 1, 1, 1000, "Negatives pasted per image"),
            SettingDescriptor.decimal(PROBABILITY, "Probability", 1.0, 0, 1, "Chance that an image gets any negative"),
            SettingDescriptor.decimal(MIN_SCALE, "Smallest side", 0.1, 1e-6, 1,
                    "Smallest pasted side as a fraction of sqrt(image area)"),
            SettingDescriptor.decimal(MAX_SCALE, "Largest side", 0.4, 1e-6, 1,
                    "Largest pasted side as a fraction of sqrt(image area)"),
            SettingDescriptor.integer(RECTANGLE_STEP, "Rectangle step", 16, 1, 4096,
                    "Rectangle sides are drawn in steps of this many pixels (the original code: 16)"));

    private PasteSpec(Map<String, ?> values) {
        super("paste", FIELDS, values, PasteSpec::new);
    }

    /** Paste fields from {@code values} by key; fields not given take their defaults. */
    public static PasteSpec of(Map<String, ?> values) {
        return new PasteSpec(values);
    }

    /** The documented defaults for a mode. */
    public static PasteSpec defaults(PasteMode mode) {
        return new PasteSpec(Map.of(MODE, mode.name()));
    }

    @Override
    protected void combinationProblems(List<String> problems) {
        if (valid(MIN_SCALE, MAX_SCALE) && minScale() > maxScale()) {
            problems.add(notAllowed(MAX_SCALE, maxScale(), "a number >= paste.minScale (" + minScale() + ")"));
        }
    }

    /** Mask-shaped or rectangular. */
    public PasteMode mode() {
        return enumValue(MODE, PasteMode.class);
    }

    /** Negatives pasted per image (when pasting happens). */
    public int count() {
        return intValue(COUNT);
    }

    /** Chance that an image gets any negative at all. */
    public double probability() {
        return doubleValue(PROBABILITY);
    }

    /** Smallest pasted side as a fraction of sqrt(image area). */
    public double minScale() {
        return doubleValue(MIN_SCALE);
    }

    /** Largest pasted side as a fraction of sqrt(image area). */
    public double maxScale() {
        return doubleValue(MAX_SCALE);
    }

    /** Rectangle sides are drawn in steps of this many pixels. */
    public int rectangleStep() {
        return intValue(RECTANGLE_STEP);
    }
}

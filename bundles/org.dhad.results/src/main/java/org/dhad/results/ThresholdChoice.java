package org.dhad.results;

import java.util.Locale;

import org.dhad.api.metric.OperatingPoint;
import org.dhad.api.metric.ScoreThresholds;
import org.dhad.api.metric.ThresholdSelection.Thresholds;

/**
 * Which thresholds decide a prediction: {@code f1} (the F1-optimal image and pixel thresholds of the test
 * split), {@code good-rate:R} (those flagging at most the share R of good test images and pixels) or a score
 * value used for both. Parsed from {@code dhad predict --threshold}.
 *
 * @param kind  which rule
 * @param value the share for {@link Kind#GOOD_RATE}, the score for {@link Kind#VALUE}; unused for F1
 */
public record ThresholdChoice(Kind kind, double value) {

    /** The rules. */
    public enum Kind {
        F1, GOOD_RATE, VALUE
    }

    /** The default: the F1-optimal thresholds. */
    public static final ThresholdChoice F1 = new ThresholdChoice(Kind.F1, Double.NaN);

    private static final String EXPECTED = "expected f1, good-rate:SHARE (a share of good test images between 0 "
            + "and 1, e.g. good-rate:0.01) or a score value";

    /** @throws IllegalArgumentException naming the text and what was expected */
    public static ThresholdChoice parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        try {
            if (t.equals("f1")) {
                return F1;
            }
            if (t.startsWith("good-rate:")) {
                double rate = Double.parseDouble(t.substring("good-rate:".length()));
                if (!(rate > 0 && rate < 1)) {
                    throw new IllegalArgumentException("Threshold '" + text + "': the share must lie between 0 and 1");
                }
                return new ThresholdChoice(Kind.GOOD_RATE, rate);
            }
            double value = Double.parseDouble(t);
            if (Double.isFinite(value)) {
                return new ThresholdChoice(Kind.VALUE, value);
            }
        } catch (NumberFormatException e) {
            // falls through to the message below
        }
        throw new IllegalArgumentException("Threshold '" + text + "': " + EXPECTED);
    }

    /**
     * The image and pixel thresholds this choice picks for {@code category} from a run's stored thresholds
     * ({@code stored} may be null for a {@link Kind#VALUE}: the normalised score is then undefined).
     *
     * @param run names the run in messages
     * @throws ResultsException naming what the run lacks and how to get it
     */
    public DecisionThresholds resolve(RunThresholds stored, String category, String run) throws ResultsException {
        Thresholds t = stored == null ? null : stored.category(category).orElse(null);
        double low = t == null ? Double.NaN : t.image().low();
        double high = t == null ? Double.NaN : t.image().high();
        if (kind == Kind.VALUE) {
            return new DecisionThresholds(category, describe(), value, value, low, high);
        }
        if (t == null) {
            throw new ResultsException(run + " has no " + describe() + " thresholds for category '" + category
                    + "'" + (stored == null ? " (no " + RunThresholds.FILE + ")" : "")
                    + ": run dhad evaluate " + run + " to choose them, or give --threshold VALUE");
        }
        return new DecisionThresholds(category, describe(), pick(t.image(), stored, "image", category, run).threshold(),
                pick(t.pixel(), stored, "pixel", category, run).threshold(), low, high);
    }

    private OperatingPoint pick(ScoreThresholds s, RunThresholds stored, String level, String category, String run)
            throws ResultsException {
        if (kind == Kind.F1) {
            return s.f1().orElseThrow(() -> new ResultsException(run + ": category '" + category + "' has no F1-"
                    + "optimal " + level + " threshold (" + s.note() + "); give --threshold good-rate:SHARE or VALUE"));
        }
        return s.goodRate(value).orElseThrow(() -> new ResultsException(run + ": category '" + category + "' has no "
                + level + " threshold for good rate " + value + (s.note().isEmpty() ? "" : " (" + s.note() + ")")
                + "; the run holds good rates " + stored.goodRates() + ": run dhad evaluate " + run + " --good-rate "
                + value + " to add it"));
    }

    /** {@code f1}, {@code good-rate:0.01} or the value, as the user writes it. */
    public String describe() {
        return switch (kind) {
            case F1 -> "f1";
            case GOOD_RATE -> "good-rate:" + value;
            case VALUE -> Double.toString(value);
        };
    }
}

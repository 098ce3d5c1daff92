package org.dhad.results;

import java.util.Locale;

/**
 * Metric values as every table shows them (CLI, report, workbench, CSV and Markdown): a fraction in percent
 * with two decimals, as the paper's Table I prints them.
 */
public final class Percent {

    /**
     * What stands where there is no value: a metric not evaluated yet, or undefined (NaN, such as an AUROC of
     * a category without anomalous pixels). One word for both, so that tables read the same everywhere.
     */
    public static final String MISSING = "n/a";

    private Percent() {
    }

    /** {@code 0.91234} as {@code 91.23}; {@link #MISSING} for NaN. */
    public static String of(double fraction) {
        return Double.isNaN(fraction) ? MISSING : String.format(Locale.ROOT, "%.2f", 100 * fraction);
    }

    /** As {@link #of(double)}; {@link #MISSING} for {@code null} too (a metric a run has no value for). */
    public static String of(Double fraction) {
        return fraction == null ? MISSING : of(fraction.doubleValue());
    }
}

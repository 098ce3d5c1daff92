package org.dhad.results;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The one way tables write metric values. */
class PercentTest {

    @Test
    void fractionsArePercentWithTwoDecimals() {
        assertEquals("91.23", Percent.of(0.91234));
        assertEquals("100.00", Percent.of(1.0));
        assertEquals("0.50", Percent.of(Double.valueOf(0.005)));
    }

    @Test
    void missingAndUndefinedValuesReadTheSame() {
        assertEquals("n/a", Percent.of(Double.NaN));
        assertEquals("n/a", Percent.of((Double) null));
    }
}

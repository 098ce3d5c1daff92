/**
 * The results view of one run ({@link org.dhad.ui.results.internal.RunResultsPart}) and the comparison view of
 * several ({@link org.dhad.ui.results.internal.ComparisonPart}), with their tables, curves and the threshold
 * gallery. Pixel work ({@link org.dhad.ui.results.internal.ScoredPixels},
 * {@link org.dhad.ui.results.internal.ThresholdOverlay}) needs no display and runs off the UI thread.
 */
package org.dhad.ui.results.internal;

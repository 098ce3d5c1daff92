/**
 * Results in the workbench: {@link org.dhad.ui.results.ResultsParts} opens the results view of a run and the
 * comparison view of several; {@link org.dhad.ui.results.ChartCanvas} shows a JFreeChart crisply at any display
 * zoom; {@link org.dhad.ui.results.MetricsTable} is the metrics table of the results view and the run view. The
 * views themselves are internal.
 */
package org.dhad.ui.results;

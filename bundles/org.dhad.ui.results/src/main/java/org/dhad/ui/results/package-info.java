/**
 * Results in the workbench: {@link org.dhad.ui.results.ResultsParts} opens the results view of a run and the
 * comparison view of several; {@link org.dhad.ui.results.ChartCanvas} shows a JFreeChart crisply at any display
 * zoom. The views themselves are internal.
 */
package org.dhad.ui.results;

/**
 * Results in the workbench: a chart control that shows a JFreeChart crisply at any display zoom, and (in the
 * internal package) the results and comparison views over run folders.
 */
package org.dhad.ui.results;

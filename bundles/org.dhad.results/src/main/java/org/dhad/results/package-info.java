/**
 * Run folders read back: what was trained ({@link org.dhad.results.RunConfiguration}), how training went
 * ({@link org.dhad.results.TrainingHistory}), what evaluation measured ({@link org.dhad.results.RunMetrics}),
 * the scored test images ({@link org.dhad.results.Gallery}), and several runs side by side
 * ({@link org.dhad.results.RunComparison}). The engine writes these files; this package only reads them, so
 * the command line and the workbench show the same runs whichever started them.
 */
package org.dhad.results;

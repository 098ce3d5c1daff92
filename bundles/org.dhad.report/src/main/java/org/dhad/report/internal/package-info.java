/**
 * The sections of the HTML report: what each run's files hold ({@link org.dhad.report.internal.LoadedRun}),
 * the comparison tables, a run's configuration, charts and curves, and the heat-map gallery.
 */
package org.dhad.report.internal;

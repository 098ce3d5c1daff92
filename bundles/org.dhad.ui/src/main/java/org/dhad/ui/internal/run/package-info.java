/**
 * Training runs in the workbench: the job that trains and evaluates an experiment, the UI-thread
 * session it reports into, the Run part with its charts (drawn from the run folder's files, so it also
 * follows runs the CLI trains), log and metrics, the status bar of running jobs, and the opening of run,
 * results and comparison views.
 */
package org.dhad.ui.internal.run;

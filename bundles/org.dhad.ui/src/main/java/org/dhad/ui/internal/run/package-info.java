/**
 * Training runs in the workbench: the job that trains and evaluates an experiment, the UI-thread
 * session it reports into, and the Run part with its loss chart, messages and results.
 */
package org.dhad.ui.internal.run;

/**
 * The experiment editor: a form generated from the experiment document and from the settings that
 * the installed providers describe, live validation, saving, and the handlers that create, open,
 * save and train experiments.
 */
package org.dhad.ui.internal.experiment;

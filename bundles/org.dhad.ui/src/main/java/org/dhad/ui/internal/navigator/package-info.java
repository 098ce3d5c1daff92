/**
 * The workspace navigator: the experiment files and the run folders of the workspace (whoever started the
 * runs, the workbench or {@code dhad train}), refreshed from the disk, with the commands that open, follow and
 * compare runs.
 */
package org.dhad.ui.internal.navigator;

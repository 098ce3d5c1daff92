/**
 * The workspace navigator: the experiment files and the run folders of the workspace (whoever started the
 * runs, the workbench or {@code dhad train}), refreshed from the disk, and the handlers of the commands of its
 * context menu (Application.e4xmi), which open, follow, train, evaluate, compare and report on the runs of its
 * {@link org.dhad.ui.internal.navigator.NavigatorSelection}.
 */
package org.dhad.ui.internal.navigator;

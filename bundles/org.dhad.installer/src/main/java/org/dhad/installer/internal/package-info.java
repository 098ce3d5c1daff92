/** Keeps third-party plugin bundles in a folder and installs them into the running framework. */
package org.dhad.installer.internal;

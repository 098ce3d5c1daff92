/** The {@code dhad} headless application: command parsing (picocli) and the commands. */
package org.dhad.cli.internal;

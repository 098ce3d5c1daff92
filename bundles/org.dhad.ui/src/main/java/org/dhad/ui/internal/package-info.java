/**
 * The Eclipse 4 workbench: the application model (Application.e4xmi) and its POJO parts. Nothing here
 * is exported; the parts reach the engine only through services in the Eclipse context.
 */
package org.dhad.ui.internal;

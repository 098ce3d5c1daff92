/** The {@link org.dhad.api.registry.PluginRegistry} implementation over the OSGi service registry. */
package org.dhad.registry.internal;

/** Lookup of the installed providers by kind and id, as the live OSGi service registry has them. */
package org.dhad.api.registry;

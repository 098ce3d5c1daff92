/**
 * The inspection service ({@code dhad serve}): trained runs decide images sent over HTTP, with the rows of
 * {@code dhad predict}. {@link org.dhad.serve.InspectionServer} starts it; the servlets are OSGi HTTP Whiteboard
 * components on Equinox's Jetty.
 */
package org.dhad.serve;

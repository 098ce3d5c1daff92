/**
 * The service behind {@link org.dhad.serve.InspectionServer}: the served models and their scoring queue, and the
 * whiteboard servlets, which are DS components that appear when a service starts and go when it stops.
 */
package org.dhad.serve.internal;

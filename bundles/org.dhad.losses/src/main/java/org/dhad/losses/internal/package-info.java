/**
 * The loss-term DS components and the pixel masks and means they share. Not exported: other bundles
 * find the terms as {@link org.dhad.api.loss.LossTerm} services by id.
 */
package org.dhad.losses.internal;

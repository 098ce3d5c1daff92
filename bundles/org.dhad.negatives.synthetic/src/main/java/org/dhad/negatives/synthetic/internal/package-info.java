/**
 * The built-in negative source: random geometric shapes with colourful synthetic fills, drawn from the
 * caller's random generator. Not exported: the component is reached as a
 * {@link org.dhad.api.data.NegativeSource} service.
 */
package org.dhad.negatives.synthetic.internal;

/**
 * The DenseHybridAD loss terms by id ({@link org.dhad.losses.LossTermIds}) and the two weightings of
 * them that experiments start from ({@link org.dhad.losses.LossPreset}): the paper's equation 1 and the
 * original DenseHybrid code. The terms themselves are {@link org.dhad.api.loss.LossTerm} services
 * registered by this bundle.
 */
package org.dhad.losses;

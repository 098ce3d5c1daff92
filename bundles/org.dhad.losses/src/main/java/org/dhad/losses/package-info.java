/**
 * The ids of the DenseHybridAD loss terms ({@link org.dhad.losses.LossTermIds}). The terms themselves
 * are {@link org.dhad.api.loss.LossTerm} services registered by this bundle; the weightings that
 * experiments start from are the engine's {@code org.dhad.experiment.LossPreset}, where the engine, the
 * CLI and the experiment model can all reach them.
 */
package org.dhad.losses;

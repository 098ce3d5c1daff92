/**
 * Training vocabulary that needs no tensor library: the {@link org.dhad.api.training.ParameterGroup}s of
 * a DenseHybridAD network and the {@link org.dhad.api.training.FreezePolicy}s that act on them. Experiments
 * and their editors use these without DJL; backbones map their parameters onto the groups.
 */
package org.dhad.api.training;

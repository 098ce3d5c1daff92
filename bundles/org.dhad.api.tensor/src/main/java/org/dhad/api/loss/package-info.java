/**
 * Loss-term extension point: named terms of the DenseHybridAD training loss, weighted by the experiment,
 * and {@link org.dhad.api.loss.LogSpace}, the ln σ and ln p̂ that the terms and the anomaly score share.
 */
package org.dhad.api.loss;

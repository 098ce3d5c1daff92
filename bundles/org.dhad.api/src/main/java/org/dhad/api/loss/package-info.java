/** Loss-term extension point: named terms of the DenseHybridAD training loss, weighted by the experiment. */
package org.dhad.api.loss;

/**
 * DenseHybridAD itself: what an experiment asks for ({@link org.dhad.experiment.ExperimentSpec}) and the
 * services that train, evaluate and predict from it. Knows plugins only through the api interfaces.
 */
package org.dhad.engine;

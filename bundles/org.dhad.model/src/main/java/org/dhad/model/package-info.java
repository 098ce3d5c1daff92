/**
 * The experiment model: an experiment as an EMF document persisted as XMI, with a typed facade
 * ({@link org.dhad.model.ExperimentDocument}) so callers never spell EMF feature names, and the
 * {@link org.dhad.model.ExperimentModel} service that loads, creates, converts and lists presets.
 * <p>
 * The metamodel is {@code model/experiment.ecore} in this bundle, loaded at run time as a dynamic
 * EPackage (namespace {@value org.dhad.model.ExperimentModel#NS_URI}).
 */
package org.dhad.model;

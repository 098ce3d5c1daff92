/**
 * The extension points of DenseHybridAD Workbench and the value types they share.
 * <p>
 * Every provider is an OSGi Declarative Services component registered under one of the five
 * extension interfaces ({@link org.dhad.api.backbone.Backbone}, {@link org.dhad.api.data.AnomalyDataset},
 * {@link org.dhad.api.data.NegativeSource}, {@link org.dhad.api.loss.LossTerm},
 * {@link org.dhad.api.metric.Metric}) with a unique {@value org.dhad.api.Provider#ID_PROPERTY} service property.
 */
package org.dhad.api;

/**
 * The extension points of DenseHybridAD Workbench and the value types they share.
 * <p>
 * Every provider is an OSGi Declarative Services component registered under one of the five
 * extension interfaces with a unique {@value org.dhad.api.Provider#ID_PROPERTY} service property. Three
 * of them need no tensor library and live in this bundle ({@link org.dhad.api.data.AnomalyDataset},
 * {@link org.dhad.api.data.NegativeSource}, {@link org.dhad.api.metric.Metric}); the two that exchange
 * DJL arrays, {@code org.dhad.api.backbone.Backbone} and {@code org.dhad.api.loss.LossTerm}, live in the
 * bundle {@code org.dhad.api.tensor}. {@link org.dhad.api.ProviderKind} names all five by their
 * interface's fully qualified name, so this bundle never loads the tensor-facing ones.
 */
package org.dhad.api;

/**
 * Implementation of the engine services: pasting, the background data pipeline, the grouped Adam
 * optimiser, the training loop, checkpoints, scoring and heat maps, reading other methods' maps
 * (TIFF, PNG, NPY), and the metric table shared by both evaluations. Not exported.
 */
package org.dhad.engine.internal;

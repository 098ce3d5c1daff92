/**
 * Implementation of the engine services: pasting, the background data pipeline, the grouped Adam
 * optimiser, the training loop, checkpoints, scoring and heat maps. Not exported.
 */
package org.dhad.engine.internal;

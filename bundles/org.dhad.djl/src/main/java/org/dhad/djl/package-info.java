/**
 * DJL with its PyTorch engine and the CPU libtorch, packaged for OSGi. Other bundles import
 * {@code ai.djl.*} from here and reference {@link org.dhad.djl.TorchRuntime} to be sure the engine was
 * started where DJL can find it.
 */
package org.dhad.djl;

/** Starts DJL's PyTorch engine with the class loader DJL's service lookup needs. */
package org.dhad.djl.internal;

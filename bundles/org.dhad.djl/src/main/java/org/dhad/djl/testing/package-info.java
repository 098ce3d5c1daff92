/**
 * Support for tests of code that runs under DJL autograd, in this project and in plugins.
 */
package org.dhad.djl.testing;

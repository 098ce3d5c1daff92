/**
 * The {@code magnetic-tile} dataset: the Magnetic-Tile defect layout ({@code MT_<Defect>/Imgs/*.jpg}
 * with same-name {@code .png} masks, {@code MT_Free} holding the defect-free tiles). Nothing here is
 * exported; the product finds the component by its {@code id} service property.
 */
package com.example.dhad.magnetictile.internal;

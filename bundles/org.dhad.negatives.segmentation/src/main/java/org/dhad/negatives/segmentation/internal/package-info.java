/**
 * Negative sources read from files: shapes of segmentation classes (ADE20K, CamVid, Pascal VOC, Cityscapes
 * and any image + index-mask folder pair) with a cached shape index, and random rectangles of any image
 * folder. Not exported: the components are reached as {@link org.dhad.api.data.NegativeSource} services.
 */
package org.dhad.negatives.segmentation.internal;

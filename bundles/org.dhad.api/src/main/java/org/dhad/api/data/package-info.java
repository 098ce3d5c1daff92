/**
 * Data extension points: anomaly datasets (inlier training images, labelled test images) and negative
 * sources (shapes cut from other images that are pasted onto inliers as simulated outliers).
 */
package org.dhad.api.data;

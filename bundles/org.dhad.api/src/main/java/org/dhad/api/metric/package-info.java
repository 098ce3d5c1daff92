/**
 * Metric extension point: pixel- and image-level measures over anomaly score maps and ground-truth masks,
 * each with its curve for plots.
 */
package org.dhad.api.metric;

package org.dhad.engine;

import java.awt.image.BufferedImage;

/**
 * One decided image, in memory, at the network's input size.
 *
 * @param prediction the row of {@code predictions.csv/.json}
 * @param heatmap    the colour-mapped scores over the image
 * @param mask       the defect mask (white defect pixels on black), or null without thresholds
 * @param overlay    the image with the defect pixels tinted red, or null without thresholds
 */
public record Inspection(Prediction prediction, BufferedImage heatmap, BufferedImage mask, BufferedImage overlay) {
}

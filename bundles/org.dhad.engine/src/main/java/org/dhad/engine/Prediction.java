package org.dhad.engine;

/**
 * The decision on one image. Masks, areas and boxes are at the network's input size (the run's
 * {@code inputSize}), the size of the written heat map, mask and overlay.
 *
 * @param file          the image file
 * @param name          its name in the output folder ({@code masks/<name>.png}, ...)
 * @param imageScore    the image score (the maximum of its pixel scores)
 * @param normalised    the image score mapped so that the image threshold is 0.5 (NaN without thresholds)
 * @param verdict       {@code good} or {@code defective}; null without thresholds
 * @param defectPixels  pixels at or above the pixel threshold
 * @param defectPercent their share of the image, in percent
 * @param largestDefect the bounding box of the largest 8-connected defect region, or null when there is none
 */
public record Prediction(String file, String name, double imageScore, double normalised, String verdict,
        long defectPixels, double defectPercent, Box largestDefect) {

    /** What {@link #verdict()} says of a defective image. */
    public static final String DEFECTIVE = "defective";
    /** What {@link #verdict()} says of a good image. */
    public static final String GOOD = "good";

    /** A rectangle of pixels: left, top, width, height. */
    public record Box(int x, int y, int width, int height) {
    }
}

package org.dhad.results;

/**
 * The thresholds one prediction is decided with: an image is defective when its image score is at or above
 * {@code image}; its defect mask holds the pixels scoring at or above {@code pixel}.
 *
 * @param category the category whose thresholds these are
 * @param choice   the rule they came from ({@code f1}, {@code good-rate:0.01}, a value)
 * @param image    the image-score threshold: the verdict
 * @param pixel    the pixel-score threshold: the mask
 * @param low      the lowest image score of the category's test split (NaN when unknown)
 * @param high     the highest image score of the category's test split (NaN when unknown)
 */
public record DecisionThresholds(String category, String choice, double image, double pixel, double low,
        double high) {

    /** Whether an image with this score is defective. */
    public boolean defective(double imageScore) {
        return imageScore >= image;
    }

    /** Whether a pixel with this score belongs to the defect mask. */
    public boolean anomalous(float pixelScore) {
        return pixelScore >= pixel;
    }

    /**
     * The image score mapped piecewise linearly so that the test split's lowest score is 0, the image threshold
     * 0.5 and the highest 1, clipped to [0, 1]: 0.5 and above is defective. NaN when the test range is unknown.
     */
    public double normalised(double imageScore) {
        if (Double.isNaN(low) || Double.isNaN(high)) {
            return Double.NaN;
        }
        if (imageScore < image) {
            double from = Math.min(low, image);
            return image - from <= 0 ? 0 : Math.max(0, 0.5 * (imageScore - from) / (image - from));
        }
        double to = Math.max(high, image);
        return to - image <= 0 ? 1 : Math.min(1, 0.5 + 0.5 * (imageScore - image) / (to - image));
    }
}

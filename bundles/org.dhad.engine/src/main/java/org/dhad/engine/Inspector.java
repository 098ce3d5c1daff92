package org.dhad.engine;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;

import org.dhad.results.DecisionThresholds;

/**
 * A trained run held open to decide images, batch after batch: what {@code dhad predict} and {@code dhad serve} both
 * use, so that a served image gets the same row as {@code predictions.json}. Images are {@link #fit fitted} to the
 * network, {@link #score scored} in batches by one thread at a time, then {@link #decide decided} (any thread).
 */
public interface Inspector extends AutoCloseable {

    /** The run folder. */
    Path runDir();

    /** The run's categories, each with its own thresholds. */
    List<String> categories();

    /** The network's input size: the size of fitted images, masks and overlays. */
    int inputSize();

    /**
     * The thresholds that decide images of {@code category}, or null when the run has no {@code thresholds.json}
     * and the choice is not a value (then images get heat maps and scores only).
     *
     * @throws EngineException naming the category or the thresholds file when they cannot be used
     */
    DecisionThresholds thresholds(String category) throws EngineException;

    /** An RGB image resized to the network's input size, as scoring takes it. */
    BufferedImage fit(BufferedImage rgb);

    /**
     * Scores fitted images as one batch. Not thread-safe: one caller at a time.
     *
     * @return one row-major score map per image
     */
    List<float[]> score(List<BufferedImage> fitted);

    /**
     * Decides a scored image with the category's thresholds: the prediction row, its heat map and, when there are
     * thresholds, its defect mask and overlay. Safe from any thread.
     *
     * @param file what the row names as the image's file
     * @param name its name in an output folder
     * @throws EngineException when the category's thresholds cannot be used
     */
    Inspection decide(String file, String name, BufferedImage fitted, float[] scores, String category)
            throws EngineException;

    /** Releases the network. */
    @Override
    void close();
}

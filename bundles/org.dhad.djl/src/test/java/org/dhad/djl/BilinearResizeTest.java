package org.dhad.djl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.dhad.djl.internal.StartedRuntime;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;

/**
 * Bilinear resizing equals PyTorch's {@code align_corners=False} by hand: a 2-pixel row [0, 1] doubled is
 * [0, 0.25, 0.75, 1] (source coordinates -0.25 clamped, 0.25, 0.75, 1.25 clamped).
 */
class BilinearResizeTest {

    private static StartedRuntime started;

    @BeforeAll
    static void start() throws Exception {
        started = new StartedRuntime();
    }

    @AfterAll
    static void stop() {
        started.close();
    }

    @Test
    void upsamplesLikeAlignCornersFalse() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray x = manager.create(new float[] {0, 1, 2, 3}, new Shape(1, 1, 2, 2));
            NDArray y = BilinearResize.resize(x, 4, 4);
            assertEquals(new Shape(1, 1, 4, 4), y.getShape(), "shape");
            float[] w = {0, 0.25f, 0.75f, 1};
            float[] expected = new float[16];
            for (int r = 0; r < 4; r++) {
                for (int c = 0; c < 4; c++) {
                    expected[r * 4 + c] = w[c] + 2 * w[r];
                }
            }
            assertArrayEquals(expected, y.toFloatArray(), 1e-6f, "bilinear values");
        }
    }

    @Test
    void upsamplesByNonIntegerFactorWithClampedEdges() {
        try (NDManager manager = NDManager.newBaseManager()) {
            // 3 -> 5: source coordinates -0.2 (clamped to 0), 0.4, 1.0, 1.6, 2.2 (clamped to 2)
            NDArray x = manager.create(new float[] {0, 1, 4}, new Shape(1, 1, 1, 3));
            assertArrayEquals(new float[] {0, 0.4f, 1, 2.8f, 4}, BilinearResize.resize(x, 1, 5).toFloatArray(),
                    1e-6f, "3 -> 5");
        }
    }

    /**
     * DJL 0.36's native interpolate sets {@code antialias=true} for bilinear: downsampling uses a triangle
     * filter of twice the width (Pillow-like), not F.interpolate's default. 4 -> 2: output 0 centred at
     * 1.0 weighs pixels 0, 1, 2 by 0.75, 0.75, 0.25, so (0 + 0.75 + 0.5) / 1.75 = 5/7.
     */
    @Test
    void downsamplingIsAntialiased() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray x = manager.create(new float[] {0, 1, 2, 3}, new Shape(1, 1, 1, 4));
            assertArrayEquals(new float[] {5f / 7, 16f / 7}, BilinearResize.resize(x, 1, 2).toFloatArray(), 1e-6f,
                    "downsampled with antialiasing");
        }
    }

    @Test
    void backpropagatesTheInterpolationWeights() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray x = manager.create(new float[] {0, 1, 2, 3}, new Shape(1, 1, 2, 2));
            x.setRequiresGradient(true);
            try (GradientCollector collector = manager.getEngine().newGradientCollector()) {
                NDArray y = BilinearResize.resize(x, 4, 4);
                // output pixel (1,1) reads 0.75/0.25 of each axis
                collector.backward(y.get("0,0,1,1"));
            }
            assertArrayEquals(new float[] {0.5625f, 0.1875f, 0.1875f, 0.0625f}, x.getGradient().toFloatArray(), 1e-6f,
                    "gradient of one output pixel");
        }
    }
}

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.GradientCollector;

/**
 * libtorch 2.7.1's side of narrow-convolutions.sh: the input gradient of each convolution of SHAPES, computed
 * REPEATS times from the same inputs (sin of the element index, as narrow_convolutions.py), printed as a sequence
 * of result numbers: 0 for the first result, 1 for the next different one, and so on.
 */
public class NarrowConvolutionRepeats {

    /** input channels, output channels, kernel; on 4x32x32 maps, padding kernel/2. */
    static final int[][] SHAPES = {{8, 8, 3}, {24, 21, 3}, {32, 24, 3}, {8, 26, 3}, {32, 4, 3}, {32, 12, 3},
            {32, 16, 3}, {32, 32, 3}, {256, 21, 1}};
    static final int REPEATS = 9;

    public static void main(String[] args) {
        try (NDManager manager = NDManager.newBaseManager()) {
            for (int[] s : SHAPES) {
                List<float[]> seen = new ArrayList<>();
                StringBuilder sequence = new StringBuilder();
                boolean nan = false;
                for (int r = 0; r < REPEATS; r++) {
                    float[] g = inputGradient(manager, s[0], s[1], s[2]);
                    int index = -1;
                    for (int i = 0; i < seen.size() && index < 0; i++) {
                        index = Arrays.equals(seen.get(i), g) ? i : -1;
                    }
                    if (index < 0) {
                        seen.add(g);
                        index = seen.size() - 1;
                    }
                    for (float v : g) {
                        nan |= Float.isNaN(v);
                    }
                    sequence.append(index);
                }
                System.out.printf("%3d -> %3d, %dx%d: %s%s%n", s[0], s[1], s[2], s[2], sequence, nan ? "  NaN" : "");
            }
        }
    }

    static float[] inputGradient(NDManager parent, int in, int out, int kernel) {
        try (NDManager manager = parent.newSubManager()) {
            NDArray x = sines(manager, new Shape(4, in, 32, 32), 0.37f);
            NDArray w = sines(manager, new Shape(out, in, kernel, kernel), 0.11f).mul(0.05f);
            x.setRequiresGradient(true);
            w.setRequiresGradient(true);
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray y = Conv2d.conv2d(x, w, null, new Shape(1, 1), new Shape(kernel / 2, kernel / 2),
                        new Shape(1, 1), 1).singletonOrThrow();
                collector.backward(y.square().mean());
            }
            return x.getGradient().toFloatArray();
        }
    }

    static NDArray sines(NDManager manager, Shape shape, float step) {
        return manager.arange((int) shape.size()).toType(DataType.FLOAT32, false).mul(step).sin().reshape(shape);
    }
}

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.NoopTranslator;
import java.nio.file.Path;
import java.util.Arrays;

/** Times a traced module's forward in the product's libtorch through DJL, as trace_deeplabv3.py does in PyTorch. */
public class BareForward {
    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        String name = file.getFileName().toString().replaceFirst("\\.pt$", "");
        try (Model model = Model.newInstance(name, Device.cpu(), "PyTorch")) {
            model.load(file.getParent(), name);
            try (Predictor<NDList, NDList> predictor = model.newPredictor(new NoopTranslator());
                    NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
                NDArray x = manager.randomUniform(0, 1, new Shape(4, 3, 256, 256));
                predictor.predict(new NDList(x)).close();
                double[] times = new double[5];
                for (int i = 0; i < times.length; i++) {
                    long start = System.nanoTime();
                    try (NDList out = predictor.predict(new NDList(x))) {
                        out.get(0).toFloatArray();
                    }
                    times[i] = (System.nanoTime() - start) / 1e9;
                }
                Arrays.sort(times);
                System.out.printf("libtorch %s through DJL: traced forward median %.3f s%n",
                        manager.getEngine().getVersion(), times[2]);
            }
        }
    }
}

package org.dhad.backbone.torchscript.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

import org.dhad.api.PluginException;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;

/**
 * A TorchScript file loaded as a trainable {@link PtSymbolBlock}, with the checks that turn libtorch's
 * errors into messages naming the file and the problem.
 */
final class TracedModule implements AutoCloseable {

    /** Side of the square input the module is probed with. */
    static final int PROBE_SIDE = 64;

    /**
     * Channel counts found by running the module once.
     *
     * @param featureChannels channels F of the feature output
     * @param classChannels   channels C of the class output, or -1 when none was asked for
     */
    record Probe(int featureChannels, int classChannels) {
    }

    private final Path file;
    private final NDManager manager;
    private final PtSymbolBlock block;

    private TracedModule(Path file, NDManager manager, PtSymbolBlock block) {
        this.file = file;
        this.manager = manager;
        this.block = block;
    }

    /** Loads {@code file} with trainable parameters ({@code trainParam=true}). */
    static TracedModule load(Path file) throws PluginException {
        if (!Files.isRegularFile(file)) {
            throw new PluginException("torchscript: file " + file + " does not exist or is not a file");
        }
        String problem = archiveProblem(file);
        if (problem != null) {
            throw new PluginException("torchscript: " + file + " is not a TorchScript file: " + problem);
        }
        NDManager manager = NDManager.newBaseManager();
        if (!(manager instanceof PtNDManager ptManager)) {
            manager.close();
            throw new PluginException("torchscript: the default DJL engine is " + manager.getEngine().getEngineName()
                    + ", not PyTorch; cannot load " + file);
        }
        try {
            PtSymbolBlock block = JniUtils.loadModule(ptManager, file, true, new String[0], new String[0], true);
            return new TracedModule(file, manager, block);
        } catch (RuntimeException e) {
            manager.close();
            throw new PluginException("torchscript: libtorch 2.7.1 cannot load " + file + ": " + firstLine(e)
                    + " (save a torch.jit.trace module with torch.jit.save; torch.jit.script files of newer torch "
                    + "versions may not load)", e);
        }
    }

    /** Why the file cannot be TorchScript, judged by its zip entries; null when it may be. */
    private static String archiveProblem(Path file) throws PluginException {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            boolean constants = false;
            boolean code = false;
            for (ZipEntry entry : Collections.list(zip.entries())) {
                String name = entry.getName();
                constants |= name.equals("constants.pkl") || name.endsWith("/constants.pkl");
                code |= name.startsWith("code/") || name.contains("/code/");
            }
            if (!constants || !code) {
                return "a zip archive without " + (code ? "" : "code/ ") + (constants || code ? "" : "and ")
                        + (constants ? "" : "constants.pkl ") + "entries (a state_dict saved with torch.save, an "
                        + ".npz or an ONNX export is not a traced module)";
            }
            return null;
        } catch (ZipException e) {
            return "not a zip archive (TorchScript files are zip archives holding code/ and constants.pkl)";
        } catch (IOException e) {
            throw new PluginException("torchscript: cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static String firstLine(Exception e) {
        String message = String.valueOf(e.getMessage()).strip();
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }

    Path file() {
        return file;
    }

    PtSymbolBlock block() {
        return block;
    }

    /**
     * Runs the module in inference mode on a {@code [1,3,64,64]} input and checks the outputs the settings
     * name: present and of rank 4.
     */
    Probe probe(int featureOutput, int classesOutput, boolean normalize) throws PluginException {
        try (NDManager scope = manager.newSubManager()) {
            NDArray x = scope.ones(new Shape(1, 3, PROBE_SIDE, PROBE_SIDE)).mul(0.5f);
            NDList outputs;
            try {
                outputs = block.forward(new ParameterStore(scope, false),
                        new NDList(normalize ? Normalization.imagenet(x) : x), false);
            } catch (RuntimeException e) {
                throw new PluginException("torchscript: running " + file + " on a [1,3," + PROBE_SIDE + ","
                        + PROBE_SIDE + "] input failed: " + firstLine(e), e);
            }
            int features = (int) output(outputs, featureOutput, "feature-output").get(1);
            int classes = classesOutput < 0 ? -1 : (int) output(outputs, classesOutput, "classes-output").get(1);
            return new Probe(features, classes);
        }
    }

    private Shape output(NDList outputs, int index, String setting) throws PluginException {
        if (index >= outputs.size()) {
            throw new PluginException("torchscript: " + file + " gives " + outputs.size() + " output(s); '"
                    + setting + "' " + index + " is out of range");
        }
        Shape shape = outputs.get(index).getShape();
        if (shape.dimension() != 4) {
            throw new PluginException("torchscript: output " + index + " ('" + setting + "') of " + file
                    + " has shape " + shape + "; expected rank 4 [N,channels,h,w]");
        }
        return shape;
    }

    @Override
    public void close() {
        block.close();
        manager.close();
    }
}

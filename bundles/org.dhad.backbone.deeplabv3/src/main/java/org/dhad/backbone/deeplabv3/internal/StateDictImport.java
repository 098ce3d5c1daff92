package org.dhad.backbone.deeplabv3.internal;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.dhad.api.PluginException;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;

/**
 * Loads a torchvision state_dict saved as {@code .npz} or {@code .safetensors} into a
 * {@link DeepLabV3Network} by name (see {@link TorchvisionNames}).
 * <p>
 * Everything is checked before anything is written, so a refused load leaves the network unchanged.
 */
final class StateDictImport {

    /** How many names of each kind a message lists. */
    private static final int LISTED = 10;
    /** The class logits layer, whose shape depends on the number of classes. */
    private static final String CLASS_LAYER = "classifier_4_weight";

    /**
     * What a load did or would do, with names in torchvision's spelling.
     *
     * @param layout     the file's layout
     * @param loaded     tensors written into the network
     * @param missing    network tensors the file should provide but lacks
     * @param unexpected file tensors with no place in the network
     * @param wrongShape file tensors whose shape differs from the network's, with both shapes
     * @param ignored    file tensors that have no counterpart by design (num_batches_tracked, aux, fc)
     */
    record Report(TorchvisionNames.Layout layout, int loaded, List<String> missing, List<String> unexpected,
            List<String> wrongShape, int ignored) {

        boolean complete() {
            return missing.isEmpty() && unexpected.isEmpty() && wrongShape.isEmpty();
        }
    }

    private StateDictImport() {
    }

    /**
     * Reads {@code file} and copies the matching tensors into {@code network}'s initialised parameters.
     *
     * @param partial whether missing, unexpected or wrongly shaped tensors may be skipped
     * @throws PluginException when the file cannot be read, or does not fit and {@code partial} is false
     */
    static Report load(DeepLabV3Network network, Path file, boolean partial) throws PluginException {
        if (!Files.isRegularFile(file)) {
            throw new PluginException("deeplabv3: weights file " + file + " does not exist or is not a file");
        }
        Map<String, Parameter> parameters = network.block().getParameters().toMap();
        Map<String, String> djlByTorch = new LinkedHashMap<>();
        for (Map.Entry<String, Parameter> entry : parameters.entrySet()) {
            if (!entry.getValue().isInitialized()) {
                throw new PluginException("deeplabv3: initialise the network before loading weights from " + file
                        + " (parameter " + entry.getKey() + " has no value yet)");
            }
            djlByTorch.put(TorchvisionNames.torchName(entry.getKey()), entry.getKey());
        }
        try (NDManager manager = NDManager.newBaseManager()) {
            NDList tensors = read(manager, file);
            TorchvisionNames.Layout layout = layout(tensors, file);
            Map<String, NDArray> matched = new LinkedHashMap<>();
            List<String> unexpected = new ArrayList<>();
            List<String> wrongShape = new ArrayList<>();
            Set<String> shapeReported = new HashSet<>();
            long fileClasses = -1;
            int ignored = 0;
            for (int i = 0; i < tensors.size(); i++) {
                NDArray tensor = tensors.get(i);
                String fileName = tensor.getName();
                if (fileName == null || fileName.isBlank()) {
                    unexpected.add("(unnamed tensor #" + i + ")");
                    continue;
                }
                Optional<String> torchName = TorchvisionNames.normalise(fileName, layout);
                if (torchName.isEmpty()) {
                    ignored++;
                    continue;
                }
                String djlName = djlByTorch.get(torchName.get());
                if (djlName == null || !TorchvisionNames.provides(layout, djlName)) {
                    unexpected.add(fileName);
                    continue;
                }
                Shape expected = parameters.get(djlName).getArray().getShape();
                if (!expected.equals(tensor.getShape())) {
                    wrongShape.add(fileName + " " + tensor.getShape() + " (network " + expected + ")");
                    shapeReported.add(djlName);
                    if (CLASS_LAYER.equals(djlName) && tensor.getShape().dimension() > 0) {
                        fileClasses = tensor.getShape().get(0);
                    }
                    continue;
                }
                matched.put(djlName, tensor);
            }
            List<String> missing = new ArrayList<>();
            djlByTorch.forEach((torchName, djlName) -> {
                if (TorchvisionNames.provides(layout, djlName) && !matched.containsKey(djlName)
                        && !shapeReported.contains(djlName)) {
                    missing.add(layout == TorchvisionNames.Layout.RESNET
                            ? torchName.substring(TorchvisionNames.BACKBONE.length()) : torchName);
                }
            });
            Report report = new Report(layout, matched.size(), missing, unexpected, wrongShape, ignored);
            if (matched.isEmpty() || (!partial && !report.complete())) {
                throw new PluginException(message(file, tensors.size(), report, fileClasses, network.classCount(),
                        partial));
            }
            matched.forEach((djlName, tensor) -> {
                NDArray target = parameters.get(djlName).getArray();
                // the network is built in float32; files may hold float64 or float16
                target.set(tensor.toType(DataType.FLOAT32, false).toFloatArray());
            });
            return report;
        }
    }

    private static NDList read(NDManager manager, Path file) throws PluginException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            return NDList.decode(manager, in);
        } catch (IOException | RuntimeException e) {
            throw new PluginException("deeplabv3: cannot read weights file " + file
                    + " as a .npz or .safetensors state dict: " + e.getMessage(), e);
        }
    }

    private static TorchvisionNames.Layout layout(NDList tensors, Path file) throws PluginException {
        List<String> names = new ArrayList<>();
        for (NDArray tensor : tensors) {
            String name = tensor.getName();
            if (name != null) {
                Optional<TorchvisionNames.Layout> layout = TorchvisionNames.layoutOf(name);
                if (layout.isPresent()) {
                    return layout.get();
                }
                names.add(name);
            }
        }
        throw new PluginException("deeplabv3: weights file " + file + " holds " + tensors.size()
                + " tensors but no torchvision deeplabv3_resnet (backbone.*, classifier.*) or resnet (conv1.*, "
                + "layer1.*) names; first names: " + first(names));
    }

    private static String message(Path file, int count, Report report, long fileClasses, int classes,
            boolean partial) {
        StringBuilder m = new StringBuilder("deeplabv3: weights file ").append(file).append(" (")
                .append(report.layout() == TorchvisionNames.Layout.RESNET ? "torchvision ResNet, backbone only"
                        : "torchvision DeepLabV3")
                .append(", ").append(count).append(" tensors) ");
        m.append(report.loaded() == 0 ? "matches no tensor of the network" : "does not fit the network");
        appendList(m, "missing", report.missing());
        appendList(m, "unexpected", report.unexpected());
        appendList(m, "wrongly shaped", report.wrongShape());
        if (fileClasses >= 0) {
            m.append("; the file's class layer classifier.4 has ").append(fileClasses)
                    .append(" classes but the network's 'classes' setting is ").append(classes)
                    .append(" (its weight and bias count as wrongly shaped)");
        }
        if (!partial && report.loaded() > 0) {
            m.append("; nothing was loaded: load with partial=true to take the ").append(report.loaded())
                    .append(" matching tensors and keep the rest as initialised");
        }
        return m.toString();
    }

    private static void appendList(StringBuilder m, String kind, List<String> names) {
        if (!names.isEmpty()) {
            m.append("; ").append(names.size()).append(' ').append(kind).append(": ").append(first(names));
        }
    }

    private static String first(List<String> names) {
        String listed = String.join(", ", names.subList(0, Math.min(LISTED, names.size())));
        return names.size() > LISTED ? listed + ", ... (" + (names.size() - LISTED) + " more)" : listed;
    }
}

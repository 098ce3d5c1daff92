package org.dhad.backbone.deeplabv3.internal;

import java.util.Map;

import ai.djl.nn.Parameter;

/**
 * torchvision-style state dicts for a network of this bundle, made from the network's own parameter list
 * by the inverse name mapping, with known values: tensor {@code k}, element {@code i} holds
 * {@link #value(int, int, boolean)}.
 */
final class StateDicts {

    private StateDicts() {
    }

    /** A known value, positive where a running variance needs it. */
    static float value(int tensor, int element, boolean positive) {
        float v = ((tensor * 7919L + element * 104_729L) % 2001 - 1000) / 20_000f;
        return positive ? 0.5f + Math.abs(v) : v;
    }

    /**
     * A {@code deeplabv3_resnet*} state dict for {@code network} (outlier head excluded, as torchvision has
     * none), with {@code num_batches_tracked} for every batch norm and one aux_classifier tensor, as
     * torchvision's pretrained file has.
     */
    static NumpyArchive deeplab(DeepLabV3Network network) {
        NumpyArchive archive = fill(network, "", false);
        return archive.add("aux_classifier.4.bias", new float[] {0.5f, -0.5f}, 2);
    }

    /** An ImageNet {@code resnet*} state dict: the backbone without {@code backbone.}, plus {@code fc}. */
    static NumpyArchive resnet(DeepLabV3Network network) {
        NumpyArchive archive = fill(network, TorchvisionNames.BACKBONE, true);
        return archive.add("fc.weight", new float[6], 3, 2).add("fc.bias", new float[] {1, 2, 3}, 3);
    }

    private static NumpyArchive fill(DeepLabV3Network network, String strip, boolean backboneOnly) {
        NumpyArchive archive = new NumpyArchive();
        int k = 0;
        for (Map.Entry<String, Parameter> entry : network.block().getParameters().toMap().entrySet()) {
            String djlName = entry.getKey();
            if (djlName.startsWith("outlier_") || (backboneOnly && !djlName.startsWith("backbone_"))) {
                continue;
            }
            Parameter p = entry.getValue();
            long[] shape = p.getArray().getShape().getShape();
            float[] values = new float[Math.toIntExact(p.getArray().size())];
            boolean positive = p.getType() == Parameter.Type.RUNNING_VAR;
            for (int i = 0; i < values.length; i++) {
                values[i] = value(k, i, positive);
            }
            String torchName = TorchvisionNames.torchName(djlName).substring(strip.length());
            archive.add(torchName, values, shape);
            if (p.getType() == Parameter.Type.RUNNING_VAR) {
                String module = torchName.substring(0, torchName.length() - "running_var".length());
                archive.addLong(module + "num_batches_tracked", new long[] {1000 + k});
            }
            k++;
        }
        return archive;
    }

    /** Sets the archive's values into {@code network} directly by DJL name, bypassing the import. */
    static void setDirectly(DeepLabV3Network network, NumpyArchive archive, String strip) {
        network.block().getParameters().forEach(pair -> {
            Object values = archive.arrays().get(torchNameIn(pair.getKey(), strip));
            if (values instanceof float[] floats) {
                pair.getValue().getArray().set(floats);
            }
        });
    }

    /** The name a DJL parameter has in an archive whose names lack {@code strip}; null when it has none there. */
    static String torchNameIn(String djlName, String strip) {
        String name = TorchvisionNames.torchName(djlName);
        return name.startsWith(strip) ? name.substring(strip.length()) : null;
    }
}

package com.example.dhad.tinyunet.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Group normalisation of {@code [N,C,H,W]} features (Wu and He, 2018): each image's channels are split
 * into groups of equal size and normalised by that group's mean and variance, then scaled and shifted
 * per channel. DJL 0.36 has none; it suits this network better than batch normalisation because
 * training batches are small and there are no running statistics to freeze or to keep in step.
 */
final class GroupNorm extends AbstractBlock {

    private static final byte VERSION = 1;
    private static final int MAX_GROUPS = 4;
    private static final float EPSILON = 1e-5f;

    private final int channels;
    private final int groups;
    private final Parameter gamma;
    private final Parameter beta;

    GroupNorm(int channels) {
        super(VERSION);
        this.channels = channels;
        // The largest group count up to MAX_GROUPS that divides the channels.
        int g = Math.min(MAX_GROUPS, channels);
        while (channels % g != 0) {
            g--;
        }
        this.groups = g;
        gamma = addParameter(Parameter.builder().setName("gamma").setType(Parameter.Type.GAMMA)
                .optShape(new Shape(channels)).build());
        beta = addParameter(Parameter.builder().setName("beta").setType(Parameter.Type.BETA)
                .optShape(new Shape(channels)).build());
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        Shape shape = x.getShape();
        if (shape.dimension() != 4 || shape.get(1) != channels) {
            throw new IllegalArgumentException("GroupNorm of " + channels + " channels got " + shape);
        }
        var device = x.getDevice();
        NDArray grouped = x.reshape(shape.get(0), groups, -1);
        NDArray centred = grouped.sub(grouped.mean(new int[] {2}, true));
        NDArray variance = centred.square().mean(new int[] {2}, true);
        NDArray normalised = centred.div(variance.add(EPSILON).sqrt()).reshape(shape);
        Shape perChannel = new Shape(1, channels, 1, 1);
        // views of the parameters live in the model's manager: closed here, or one more of each stays per forward
        NDArray scale = store.getValue(gamma, device, training).reshape(perChannel);
        NDArray scaled = normalised.mul(scale);
        scale.close();
        NDArray shift = store.getValue(beta, device, training).reshape(perChannel);
        NDArray result = scaled.add(shift);
        shift.close();
        return new NDList(result);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }
}

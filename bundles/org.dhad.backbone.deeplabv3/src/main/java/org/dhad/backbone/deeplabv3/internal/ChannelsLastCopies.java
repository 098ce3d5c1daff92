package org.dhad.backbone.deeplabv3.internal;

import java.util.ArrayList;
import java.util.List;

import ai.djl.ndarray.NDArray;
import ai.djl.util.PairList;

/**
 * The channels-last copies made during one forward of blocks that read the same input, so that each input is
 * copied once: the ASPP's two dilated branches both read the backbone's output (4x2048x32x32 for a batch of four
 * 256-pixel images, 32 MB), and a copy cost 27-63 ms of the forward and about as much again in the backward pass
 * (ResNet-50, freeze NONE, two cores). Handed down through the forward's parameters, so it lives for one call on
 * one thread; closing it releases the copies' handles (autograd keeps what the backward pass reads).
 */
final class ChannelsLastCopies implements AutoCloseable {

    private static final String PARAMETER = ChannelsLastCopies.class.getName();

    private record Copy(NDArray source, boolean constant, NDArray copy) {
    }

    private final List<Copy> copies = new ArrayList<>();

    /** The copies a forward's parameters carry, or null outside a sharing block. */
    static ChannelsLastCopies in(PairList<String, Object> params) {
        return params != null && params.get(PARAMETER) instanceof ChannelsLastCopies shared ? shared : null;
    }

    /** {@code params} with these copies added, for the children of the block that shares them. */
    PairList<String, Object> addTo(PairList<String, Object> params) {
        PairList<String, Object> with = params == null ? new PairList<>()
                : new PairList<>(new ArrayList<>(params.keys()), new ArrayList<>(params.values()));
        with.add(PARAMETER, this);
        return with;
    }

    /**
     * The channels-last copy of {@code source} (compared by identity), made by {@link AtrousConvolution} the first
     * time it is asked for; {@code constant} as there, since a copy that autograd follows differs from one it does
     * not.
     */
    NDArray of(NDArray source, boolean constant) {
        for (Copy c : copies) {
            if (c.source() == source && c.constant() == constant) {
                return c.copy();
            }
        }
        NDArray copy = AtrousConvolution.channelsLast(source, constant);
        copies.add(new Copy(source, constant, copy));
        return copy;
    }

    @Override
    public void close() {
        copies.forEach(c -> c.copy().close());
        copies.clear();
    }
}
